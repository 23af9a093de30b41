"""Which topic each sentence of a change question is about: the topic it names itself, the one an earlier sentence
named, or the one the asker's story names (an end of life decides over an illness or a place of care). The words
that ask for changes and what they narrow to are read in assistant/change_question.py."""

from __future__ import annotations

import re

from assistant.change_focus import ALTERNATIVES, AND_THE_REST, FAMILY_AROUND, THAT_KIND
from assistant.change_wordings import ASK_LEAD, BROAD_CUE, REQUEST_VERB, TOPIC_CUE
from assistant.message_parts import CLAUSE_BREAK, topic_words
from assistant.topics import ending_topics, question_topic, topics

# A list of at least this many parts after the words that ask gives examples (see topic_asked).
MIN_LISTED = 3
# An item of a list is a few words: a longer clause says something of its own.
MAX_ITEM_WORDS = 4

# Asking for the whole picture: "Just want the general picture", "overall".
WHOLE_PICTURE = re.compile(
    r"\b(?:general|big|whole|overall|full)\s+(?:picture|overview)\b|\boverall\b|\bin\s+general\b|\b(?:more\s+)?broadly\b"
    # "what's going to be different for patients generally."
    r"|(?<!more\s)\bgenerally\W*$",
    re.I,
)
# Where a clause asking for the whole may start: at a clause break, or after "but" ("mostly interested in the kids
# side but yeah the whole picture please").
_WHOLE_BREAK = re.compile(CLAUSE_BREAK.pattern + r"|\s+but\s+", re.I)
# The end of a list that leaves the rest unnamed: "GP, community nurses, hospital, council care, the lot".
_THE_LOT = re.compile(r"\b(?:" + AND_THE_REST + r")\b", re.I)
# "from GP surgeries to the hospital": the two ends of a range are listed like alternatives.
_RANGE = re.compile(r"\bfrom\s+([^,;.?!]{1,40}?)\s+to\s+(?=[^,;.?!])", re.I)
# Two kinds of care sharing one noun: "community and primary care" is community care and primary care.
_SHARED_NOUN = re.compile(
    r"\b(?!(?:the|a|an|any|all|in|of|for|with|to|and|or|at|on|by|from)\b)([a-z]+)\s+(and|or|&|/)\s+([a-z]+)\s+"
    r"(care|services)\b",
    re.I,
)
_LISTING = re.compile(
    r"\b(?:especially|particularly|such\s+as|including|incl|like|across|for\s+example|"
    + AND_THE_REST
    + r"|anything\s+else|whatever\s+else|"
    + THAT_KIND
    + r")\b|\be\.g\.",
    re.I,
)
_DASH_LIST = re.compile(r"\s[-–—]\s[^?!.]*,[^?!.]*,")
# An item of a list naming a kind of care no topic covers ("hospital", "community care"): listed beside a topic
# ("GP, hospital or community care"), it makes the question wider than that topic.
_CARE_KIND = re.compile(
    r"\b(?:hospitals?|surger(?:y|ies)|doctors|gp\s+(?:practices?|services)|(?:community|social|acute|hospital|health|local)\s+"
    r"(?:care|services|teams|nursing|nurses))\b"
    # "for families and everyone else": beyond any one topic
    r"|\b(?:every(?:one|body)|any(?:one|body))\s+else\b"
    # "for families and adults", "for families and old people": people of every age
    r"|\badults\b|\bold(?:er)?\s+(?:people|persons|folk)\b",
    re.I,
)
# Health services in general ("care services" only when no kind of care comes before it: "palliative care services"
# is one topic's).
GENERAL_CARE = re.compile(
    # "NHS and community services": the NHS beside one kind of care is health services in general
    r"\bnhs\s+(?:and|&|\+)\s+(?:[\w-]+\s+)?(?:care|services)\b"
    r"|\b(?:nhs|health\s+(?:and|&)\s+(?:social\s+)?care|social\s+care|(?:health|local|nhs|healthcare)\s+services?)\b"
    r"|(?<![a-z]\s)\bcare\s+services\b",
    re.I,
)

_QUESTION_START = re.compile(
    r"^\W*(?:\d{1,2}[.)]\s*)?(?:(?:hi|hello|hey)\W+)?(?:(?:and|so|but|ok)\W+)?"
    + ASK_LEAD
    + r"(?:what|whats|which|how|who|is|are|will|would|can|could|does|do|has|have|any)\b",
    re.I,
)
# A request is a question without a question mark: "Pls tell me all new things NHS doing in Hounslow.", "I want the
# full list of changes for Kensington & Chelsea residents, not just the beds."
REQUEST = re.compile(
    r"^\W*(?:(?:pls|plz|please|kindly)\s+)?(?:(?:can|could|would)\s+(?:you|u|someone|anyone)\s+(?:please\s+)?)?"
    r"(?:tell|show|" + REQUEST_VERB + r")\b"
    r"|^\W*(?:i|we)(?:\s+(?:really|just|also))?(?:\s+(?:want|need|would\s+like)|'d\s+(?:really\s+)?like)\b"
    # "I'd appreciate a concise summary of …", "We would welcome an overview of …"
    r"|^\W*(?:i|we)(?:'d|\s+would)\s+(?:really\s+)?(?:appreciate|welcome|value)\b"
    # without the "I": "need a one-stop summary of everything …"
    r"|^\W*need\s+(?:a|an|the|some)\s+(?:[\w-]+\s+){0,2}?(?:summary|list|rundown|overview|breakdown|update|picture"
    r"|explanation)\b"
    # "I'm trying to work out what's being put in place …"
    r"|^\W*(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:just\s+)?trying\s+to\s+(?:work\s+out|understand|find\s+out|figure\s+out)\b"
    # "We should be grateful if you would set out …", "I'd be obliged if you could …"
    r"|(?:^|,\s*)(?:i|we)\s*(?:'d|would|should)\s+be\s+(?:most\s+|very\s+)?(?:grateful|obliged)\s+if\b"
    # the whole said on its own after the questions: "Basically everything that is different.", "Everything that's
    # changing, incl. support for care homes …"
    r"|^\W*(?:(?:basically|so|just|really|in\s+short|i\s+mean)\W+)?(?:everything|all\s+of\s+(?:it|them)|the\s+(?:whole|full"
    r"|complete)\s+(?:list|picture|lot))\b",
    re.I,
)

# Asking beyond what was named: "What else is changing?", "any other changes", "apart from that".
_ELSE = re.compile(
    r"\b(?:what|anything|something|everything)(?:'s)?\s+else\b|\bother\s+changes\b|\b(?:apart\s+from|besides|beyond)\s+"
    r"(?:that|this|those|these|it)\b",
    re.I,
)

# The person the asker's story is about, asked about again: "What will change for her care?", "people in his
# position", "someone like him", "is any of that going to look different?"; or the family around them, which the
# care of someone at the end of life includes: "What will be different about the help for me and the kids?".
ABOUT_THEM = re.compile(
    r"\b(?:him|her|his)\b|\bany\s+of\s+(?:that|this)\b|\b(?:people|someone|somebody|others|patients|those)\s+(?:like\s+them|in\s+their\s+"
    r"(?:position|situation|shoes|circumstances))\b|\b" + FAMILY_AROUND + r"\b",
    re.I,
)
_FAMILIES = re.compile(r"\b(?:famil(?:y|ies)|relatives|loved\s+ones|carers)\b", re.I)
# Someone the asker tells of, in the asker's story: "My husband has heart failure", "the doctor say he is dying".
_SOMEONE_ELSE = re.compile(r"\b(?:he|she|him|her|his|my|our)\b", re.I)


def is_question(sentence: str) -> bool:
    """A sentence worded as a question or a request, not a statement ("Volunteer, writing on service redesign.")."""
    return sentence.rstrip().endswith("?") or bool(_QUESTION_START.match(sentence) or REQUEST.match(sentence))


def topics_read(parts: list[str]) -> list[tuple[str, str, str | None, str]]:
    """Each sentence, its words that may name a topic (places and who is asking left out), the topic it is about
    and the words that named it: its own, or else the first topic an earlier sentence named."""
    read: list[tuple[str, str, str | None, str]] = []
    context: tuple[str, str] | None = None
    context_asked = False
    context_label = False
    for sentence in parts:
        about = topic_words(sentence)
        own = topic_asked(about)
        # "What's changing in local NHS and care services?" asks about every topic, whatever a sentence before it
        # named ("Live in Paddington, a parent with dementia.").
        # Nor does a sentence naming several kinds of care ("doctors, hospital, mental health, that kind of thing").
        general = own is None and (GENERAL_CARE.search(about) or question_topic(about) is not None)
        # After the end of life was named, families are those of the dying ("Someone said the end of life services
        # are being changed. Is it better or worse for families?"), not a topic of their own.
        if own is not None and context is not None and ends_life(context[1]) and _families_only(about):
            own, general = None, False
        # "My GP mentioned a new frailty model. What else is changing?" asks beyond the topic a statement named;
        # after a question about the topic ("Will the hospice changes make that easier? What else is changing for
        # her?") it asks on about that topic.
        beyond = _ELSE.search(sentence) and not context_asked
        # A question for everyone in a place ("what will change this time for Ealing residents?") after the asker's
        # complaint about one service ("still can't get a GP appointment in Northolt.") asks about every topic; after
        # a topic named alone ("Dementia services in Ealing.") it asks about that topic.
        everyone = (
            context is not None and not context_label and _EVERYONE.search(sentence) and not ends_life(context[1])
        )
        topic, named_in = (own, about) if own or context is None or general or beyond or everyone else context
        read.append((sentence, about, topic, named_in))
        # A sentence about health services in general names its topic in passing ("Someone at her surgery said big
        # changes are coming to health services round here."): the question after it is not about that topic.
        # A story naming several kinds of care ("They see the GP a lot, mum has diabetes and dad had a fall.") is the
        # asker's situation, not one topic the question after it follows on from, unless it says one is changing
        # ("the staff mentioned hospice care is changing").
        story = (
            not is_question(sentence)
            and not BROAD_CUE.search(sentence)
            and len(topics_named(about)) > 1
            # the end of life, whatever else the story names, is what the person needs care for (see question_topic)
            and not ends_life(about)
        )
        # The end of life told after another topic ("Mum is in a care home. The GP said she's now 'end of life'.")
        # is what the person needs care for, as it decides before other topics' names in one sentence.
        ending = own is not None and ends_life(about) and context is not None and not ends_life(context[1])
        if (
            own
            and not story
            and not GENERAL_CARE.search(about)
            and (context is None or TOPIC_CUE.search(sentence) or ending)
        ):
            # A sentence that says the topic is changing ("I read that hospice care is being changed") is what the
            # question after it follows on from, rather than the asker's story before it ("My dad has cancer").
            context = (own, about)
            context_asked = sentence.rstrip().endswith("?")
            context_label = not _TOLD.search(sentence)
        elif general and BROAD_CUE.search(sentence):
            # A sentence that says health services in general are changing ("They're asking me what's going to be
            # different in NHS and council care services.") is what a question after it follows on from, rather
            # than the asker's story before it ("the families I work with have complicated health needs").
            context = None
    return read


# Whom a question asks about, when it is everyone in a place: "for Ealing residents", "for people in Harrow".
_EVERYONE = re.compile(
    r"\bfor\s+(?:all\s+)?(?:the\s+)?(?:[\w&'’]+\s+){0,3}?(?:residents|everyone|everybody|locals|the\s+public"
    r"|people\s+(?:in|living|who\s+live)|patients\s+in)\b",
    re.I,
)
# A sentence told as a clause (a subject, an auxiliary, a negation), not a topic named alone ("Dementia services in
# Ealing.").
_TOLD = re.compile(
    r"\b(?:i|i'm|im|we|he|she|they|it|there|my|our)\b|n['’]?t\b|\b(?:is|are|was|were|can|could|will|would|has|have"
    r"|had|do|does|did|get|gets|got|keep|keeps|kept)\b",
    re.I,
)


def _families_only(about: str) -> bool:
    """Whether families, relatives or carers are all the words name of a topic."""
    return bool(_FAMILIES.search(about)) and question_topic(_FAMILIES.sub(" ", about)) is None


def ends_life(about: str) -> bool:
    """Whether the words name a topic whose keywords decide before other topics' names (the end of life)."""
    return any(t.over_names and t.asked_pattern.search(about) for t in topics())


def topics_named(about: str) -> set[str]:
    """The topics the parts of a sentence name ("the GP", "mum has diabetes": primary care, long-term conditions)."""
    return {t for p in ALTERNATIVES.split(about) if (t := question_topic(p))}


def topic_asked(about: str) -> str | None:
    """The one topic a sentence asks about; None when it names none, asks for the whole picture in a clause that
    names no topic, lists several topics ("especially …"), or lists a
    topic beside kinds of care no topic covers ("any big plans for GP, hospital or community care?")."""
    topic = question_topic(about)
    # "Just the general picture please: what is changing for GP patients?" asks about every topic; "how will
    # palliative care change overall?" about the whole of one.
    if topic is None or any(WHOLE_PICTURE.search(p) and question_topic(p) is None for p in _WHOLE_BREAK.split(about)):
        return None
    listing = _SHARED_NOUN.sub(r"\1 \4 \2 \3 \4", _RANGE.sub(r"\1 , ", about)).replace("(", ",")
    parts = [p for p in ALTERNATIVES.split(listing) if p.strip()]
    if len(parts) > 1 and any(_CARE_KIND.search(p) and question_topic(p) is None for p in parts):
        return None
    # "especially community services, GP access and anything for older people": a list of several topics.
    # A list after a colon too: "all planned changes for Brent residents: community services, mental health, …".
    named = {t for p in parts if (t := question_topic(p))}
    # A list of three or more after the words that ask, when those name no topic, gives examples too: "everything
    # planned or changing for health and care in Brent (GP access, mental health, community services, kids)". After
    # words that ask about a topic it lists the topic's parts: "What is changing for people approaching the end of
    # life in Westminster — hospice at home, specialist nurses, hospice beds, support for families?"
    head = next((p for p in parts if BROAD_CUE.search(p)), None)
    listed = (
        _LISTING.search(about)
        or ":" in about
        # a list after a dash: "everything that will affect our patients — same-day access, care homes, CAMHS, …"
        or _DASH_LIST.search(about)
        or (len(parts) >= MIN_LISTED and head is not None and question_topic(head) is None)
        # a list of short items after words that ask about a topic: "What changes are planned for primary care,
        # community services and integrated working?"
        or (head is not None and _short_list(parts[parts.index(head) + 1 :]))
    )
    ending = ending_topics() & named
    if listed and len(named) > 1:
        # The end of life named first is what the person needs care for ("someone with weeks to live …
        # overnight care, beds for end-of-life care, care home liaison"), as it decides before other topics' names;
        # as one item of a list of topics ("primary care, children, end of life") it does not.
        first = next((p for p in parts if question_topic(p)), "")
        return next(iter(ending)) if len(ending) == 1 and ends_life(first) else None
    # "What's different for people who are terminally ill — at home, in care homes or in hospices?" lists where the
    # topic the words that ask name is given.
    return (question_topic(head) if head is not None else None) or topic


def _short_list(items: list[str]) -> bool:
    """Items enough to be a list with the words that ask before them, each a few words ("community services")."""
    return len(items) >= MIN_LISTED - 1 and all(len(topic_words(i).split()) <= MAX_ITEM_WORDS for i in items)


def story_topic(question: str, asked: str, asking_words: str) -> tuple[str, str] | None:
    """The one topic the asker's story names (and its words), when the question asks about the person it is about:
    "My wife has terminal cancer. What will change for her care in Ealing?" asks about palliative care. Who is
    asking ("I work at a GP surgery.") names no topic asked about, nor does a story of several kinds of care, nor
    a question for the whole picture."""
    # The story is what comes before the sentence that asks, whether or not the question proper begins earlier.
    start = max(question.rfind(asking_words[:40]), question.rfind(asked[:40])) if asked else -1
    story = topic_words(question[:start]) if start > 0 else ""
    if not story.strip() or WHOLE_PICTURE.search(asking_words) or _THE_LOT.search(asking_words):
        return None
    named = topics_named(story)
    # A story of the end of life names the care the person needs, whatever else it names ("a brain tumour … his
    # time is limited"), as the end of life decides before other topics' names in a question; so do the examples
    # after the question ("… people in his situation? Hospice care, nurses coming to the house, …").
    ending = ending_topics()
    if not ABOUT_THEM.search(asking_words):
        # Someone's end of life told in the story is what a question for help asks about, even when it does not
        # name them again ("My wife was diagnosed with terminal cancer … I'd like her to stay at home. What help
        # exists now that didn't before?"); who is asking ("I'm a hospice nurse.") is not such a story.
        if not (ending & named and _SOMEONE_ELSE.search(question[:start])):
            return None
        named &= ending
    named = set(ending & (named | topics_named(topic_words(question[start:])))) or named
    return (next(iter(named)), story) if len(named) == 1 and not GENERAL_CARE.search(asking_words) else None
