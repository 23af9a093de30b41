"""What a change question about a topic narrows to, and what it names beside the topic.

"Is anything changing for children with asthma in Brent?" narrows to asthma: the answer lists the records that name
it. The words that say who is asking, how, or what kind of answer is wanted narrow nothing ("As a GP receptionist
I'd like a quick rundown of how hospice care will change"), nor do examples given of the whole ("including beds and
the advice line"). A word named beside the whole topic ("urgent / reactive care") widens the question instead.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lemminflect import getAllLemmas

from assistant.change_wordings import BROAD_CUE, TOPIC_CHANGE
from assistant.slots import ASKER
from assistant.text import content_words, stem
from assistant.topics import ending_topics, question_topic, topic_named, topic_scope_terms

# Words that say what kind of answer is wanted, for whom or how it is asked, not which part of a topic: what is
# left of a topic question without them and the topic's own words is what it narrows to ("asthma", "beds").
BROAD_WORDS = frozenset(
    stem(w)
    for w in """service services care health healthcare nhs local borough boroughs area areas people person patient
    patients resident residents family families community public plan plans planned planning change changes changing
    changed new different difference going happen happens happening will would expect expected future forward next
    years year coming upcoming proposed proposal proposals overview summary summarise summarize picture tell know like
    want need please thanks thank hi hello support provision provided provide work mean means overall main key big
    help helps helping same stay stays staying remain remains more less better extra additional registered elsewhere
    else anyone someone everyone whether out weeks months days introduce introduced reshape reshaped reorganise
    reorganised restructure restructured redesign redesigned offer offered offering develop developed expand expanded
    extend extended organise organised deliver delivered delivery provided run around about last first have has
    had does do
    transform transformed transforming improve improved improvement improvements anything something there way ways
    today now currently right also other live living lives look looking outline explain describe understand hear heard
    talk ask asking keep give show list wonder wondering curious worried affect affects affected options arrangements
    model models adult adults specialist specialists round here near nw london north west across all every each
    eight i'd i'm i've we're we'd you apply applies applied applying relate relates regarding concerning
    too rather soon kind kinds thing things stuff aware rest cover covers covering serve serves serving team teams
    he'd she'd they'd they're they've he's she's it's approach approaches info information appreciate appreciated
    grateful cheers advance available possible point direction consultation consultations once come comes sort
    rundown breakdown full compare compared comparison versus quick brief short through few we've outcome outcomes
    simple headline headlines angle piece made make making see position situation circumstances that's what's there's
    whole find decision decisions decided exactly actually really current existing present royal plain english terms
    everything read saw heard news told say says said pass passing following including based etc carer carers
    clear added adds unchanged impact impacts ordinary words simply layman pls plz one ones table tables bullet
    bullets points format versus vs after before since following paragraph newsletter leaflet column columns old
    ppl write draft prepare produce welcome value approved approval agreed confirmed final finalised nwl
    icb ics ccg yrs yr effect effects put together lay spell numbered numbering rank ranked ranking sort sorted
    part parts aspect aspects element elements bit bits pieces folk folks locals citizens inhabitants constituents
    households anxious concerned nervous scared confused upset frightened stressed implication implications
    consequence consequences ago used previously ill sick unwell poorly setup set-up thorough detailed easier
    harder dont later soon turn until till ive im id hes shes theres whats weve theyre both either closer nearer
    growing shrinking arriving yours faithfully sincerely regards wishes truly alone council intend intends
    intended stop stops stopped stopping very wider broader bigger supposed meant due worse general generally
    broad broadly rough roughly straightforward colleagues question questions query queries re concise succinct
    recent recently latest commissioning commissioned sorry apologies apologise apologize bother bothering many
    good bad positive negative news type types sort sorts able unable
    reduce cut lower shorten speed tackle boost increase ease
    """.split()
)

# The asker and the family around the person their story is about: "help for me and the kids".
FAMILY_AROUND = r"(?:me|us)\s+and\s+(?:the|my|our)\s+(?:kids|children|family)"

ALTERNATIVES = re.compile(r"\s*(?:/|,|;|\band\b|\bor\b|\s[-–+&]\s)\s*", re.I)

# Phrases whose words name nothing: "once the model is in place", "if the proposals go ahead", "looking after",
# "better access to hospice care" (it asks about hospice care), the plan's own name ("the Joint Forward Plan"),
# health and social care in general, "anything borough-specific on top", whom the asker will tell, what the asker
# already knows.
_FILLER = re.compile(
    r"\b(?:in\s+place|in\s+practice|in\s+reality|day[\s-]to[\s-]day|go(?:es)?\s+ahead|look(?:s|ed|ing)?\s+after|(?:the\s+)?rest\s+of|access\s+to"
    r"|(?:joint\s+)?forward\s+plan|(?:health\s+(?:and|&|\+)\s+)?social\s+care|on\s+top(?:\s+of\s+(?:it|that|this))?"
    # whom the asker will tell: "What should I tell staff and families about the new arrangements?"
    r"|tell\s+(?:[\w'-]+\s+){1,6}?about"
    # who else asked the question the asker passes on: "Members of my congregation have asked what is changing …"
    r"|(?:[\w'-]+\s+){0,5}?(?:(?:have|has|had|keep|keeps|are|is|were|was)\s+(?:been\s+)?)?ask(?:ed|ing)(?:\s+(?:me|us))?"
    r"(?=\s+(?:what|how|whether|if)\b)"
    # who told the asker: "the nurse said palliative care is changing"
    r"|(?:(?:the|a|my|our|his|her|their)\s+)?(?:[\w'-]+\s+)?[\w'-]+\s+(?:said|says|told\s+(?:me|us|him|her|them)|mentioned)"
    # a year, which says when, not which part: "palliative care changes 2025?"
    r"|(?:(?:in|for|by|from)\s+)?(?:19|20)\d{2}(?:[/-]\d{2,4})?"
    # the past now is set beside: "compared with two years ago"
    r"|(?:(?:a|one|two|three|four|five|(?:a\s+)?few|(?:a\s+)?couple(?:\s+of)?|\d+)\s+(?:years?|yrs?|months?|weeks?)|a\s+while)"
    r"\s+(?:ago|back)"
    # the family around someone at the end of life, whose care includes them: "for me and the kids"
    + r"|"
    + FAMILY_AROUND
    # what the asker already knows, conceded before the question: "I know the palliative team already visits but …"
    + r"|(?:i|we)\s+(?:already\s+)?(?:know|understand|realise|realize|gather)\b[^?.!]*?\b(?:but|however)"
    # a good death, the topic's own aim: "What help with dying well is being set up?"
    r"|(?:dying|die)\s+well"
    # how not to answer: "Please don't just say yes or no"
    r"|(?:just\s+)?(?:say\s+)?yes\s+or\s+no"
    # whether what the asker heard is so: "Is that true and what would it mean for him?"
    r"|(?:is|was)\s+(?:that|this|it)\s+(?:really\s+)?(?:true|right|correct|so))\b",
    re.I,
)

# Examples given of the whole asked about: "summarise the changes, including inpatient beds and the advice line",
# "(incl. hospice IPU, hospice at home, …)".
EXAMPLES = re.compile(
    r"(?:\b(?:including|such\s+as|for\s+example|especially|particularly)\b|\be\.g\.|\bincl\b\.?"
    # "across GP, community, hospital, mental health and social care"; "Thinking opening hours, beds, …"; "…, like
    # hospitals gp community mental health"
    r"|\bacross\s+(?=[^?!.]*,[^?!.]*,)|(?:(?<=[.?!]\s)|^)(?:thinking\b(?:\s+(?:of|about)\b)?|like\b)|,\s+like\b"
    # what is added to the whole asked for: "What do they plan to change for residents, also for care homes?"
    r"|,\s+(?:and\s+)?also\s+(?:for|about|on|in|with)\b"
    # a list of three or more after a colon: "what help exists now: nurses at night, someone to phone, befriending?"
    r"|:(?=[^?!.:]*,[^?!.:]*,))[^?!]*?"
    r"(?=[.?!](?:\s|$)|$)",
    re.I,
)

# A list after a dash, to the end of its sentence.
_DASH_LIST = re.compile(r"\s[-–—]\s([^?!]*?)(?=[.?!](?:\s|$)|$)")
# A question word opening a list's item or a short sentence: it asks something itself.
ASKS_ITSELF = re.compile(
    r"^\W*(?:what|whats|when|where|who|how|which|whether|is|are|can|could|will|would|does|do|has|have)\b", re.I
)
MIN_NEEDS = 3


def without_needs_listed(text: str) -> str:
    """The text without the needs listed after a dash behind a question for changes ("anything new for him - nurses
    coming overnight, a phone number we can ring, somewhere he could go?"; "what would he actually get — how many
    hours the nurses cover, hospice-at-home care, an advice line, a bed?"): three or more items, most of which ask
    nothing themselves, are not details asked ("- what is the number, when does it open, who runs it?" are)."""

    def needs(m: re.Match[str]) -> str:
        items = [i for i in m.group(1).split(",") if i.strip()]
        asking = sum(1 for i in items if ASKS_ITSELF.match(i))
        return " " if len(items) >= MIN_NEEDS and 2 * asking < len(items) else m.group(0)

    return _DASH_LIST.sub(needs, text)


# The rest, after what was named: "… and anything else significant".
ANYTHING_ELSE = re.compile(r"\b(?:and|or)\s+(?:anything|everything|whatever)\s+else\b", re.I)
# Asking for every change, by saying so: "outline all the changes", "the full set of changes", "across all service
# lines", "all of it, not just one", "the overall shape of the new service". What else such a question says is who
# is asking and why ("following the ICB's decision", "the model brings"), not a part of the topic.
WHOLE_ASK = re.compile(
    r"\b(?:all|every|full|whole|complete|comprehensive|entire|overall)\b(?:\s+[\w'-]+){0,3}?\s+(?:changes?|plans?"
    r"|picture|set|list|rundown|summary|overview|offer|differences?|shape|story|range|account|description|briefing"
    r"|breakdown|explanation|ways|elements?|aspects?|parts?|service[\s-]+lines?|additions?)\b"
    r"|\beverything\b|\ball\s+of\s+(?:it|them)\b|\bnot\s+just\s+(?:one|some|a\s+few|the\s+\w+)\b"
    r"|\bin\s+(?:total|full)\b|\bacross\s+the\s+board\b|"
    + ANYTHING_ELSE.pattern
    # "Just list it all."
    + r"|\b(?:list|give|tell|show)\s+(?:(?:me|us)\s+)?(?:it\s+)?all(?:\s+of\s+it)?(?=\W*(?:[.!?]|$))",
    re.I,
)

# What a change does, not which part of the topic it touches: "anything new, anything taken away?"
_KIND_OF_CHANGE = re.compile(
    r"\b(?:taken\s+away|tak(?:e|es|ing)\s+away|cut\s+back|cuts?|closed|clos(?:e|es|ing)|removed|lost|scrapped"
    r"|stopp(?:ed|ing)|added|adding|brought\s+in|bring(?:s|ing)?|kept|keeping|retained|expanded|extended|reduced"
    r"|dropp(?:ed|ing)|axed|introduc(?:ed|ing)|launch(?:ed|ing)|scal(?:ed|ing)\s+(?:back|down|up)"
    r"|replac(?:e|es|ed|ing|ement|ements))\b",
    re.I,
)

# Adverbs say how, not what: "more generally", "specifically", "locally".
_ADVERB = re.compile(r"(?:ally|ently|antly|ively|ously|fully|(?<!eld)erly)$", re.I)
# The word classes that only say how, when or how much, never what: "altogether", "anyway", "soon".
_NOT_NAMING = frozenset({"ADV", "AUX"})


@lru_cache(maxsize=4096)
def _word_classes(word: str) -> frozenset[str]:
    """The word classes the English lexicon knows a word in; none for a word it does not know (a name)."""
    return frozenset(getAllLemmas(word.lower()))


def can_name(word: str) -> bool:
    """Whether a word can name something: a noun, adjective or verb in the English lexicon (participles name kinds
    of care: "personalised care", "joined-up care"), or a word it does not know (a place, a condition, a site:
    "copd", "beaufort"). A word the lexicon knows only as an adverb says how, when or how much, never which part
    of a topic: "what's changing altogether?", "what's planned anyway?". A superlative ranks the changes, it names
    none of them: "from biggest improvement to smallest"."""
    classes = _word_classes(word)
    return not classes or (bool(classes - _NOT_NAMING) and not _superlative(word.lower()))


def _superlative(word: str) -> bool:
    """A degree of an adjective ("biggest", "latest"), not an adjective of its own ("honest", "modest")."""
    return _degree(word, "est")


def _comparative(word: str) -> bool:
    """A degree of an adjective ("longer", "earlier", "quicker"): how much better the change is wanted, not which
    part of the topic ("the longer-term plan for GP services", "pick up cancer earlier"). An age is a group of
    people: "older" and "younger" people narrow."""
    return _degree(word, "er") and not _bases(word) & {"old", "young"}


@lru_cache(maxsize=4096)
def _degree(word: str, ending: str) -> bool:
    """Whether the word is an adjective's (or adverb's) degree made with that ending, not a word of its own."""
    return word.endswith(ending) and set(getAllLemmas(word)) <= {"ADJ", "ADV"} and word not in _bases(word)


def _bases(word: str) -> set[str]:
    return {lemma for forms in getAllLemmas(word).values() for lemma in forms}


def can_be_noun(word: str) -> bool:
    """Whether the English lexicon knows a word as a noun, or does not know it (a name): "hospital", "GP"."""
    classes = _word_classes(word)
    return not classes or "NOUN" in classes


# The end of a list that leaves the rest unnamed: "GP, community nurses, hospital, council care, the lot"; "hospice
# nurses night care that kind of thing".
AND_THE_REST = r"etc|and\s+so\s+on|the\s+lot|the\s+works"
THAT_KIND = r"(?:that|this)\s+(?:kind|sort|type)\s+of\s+(?:thing|stuff)s?"
_OPEN_LIST = re.compile(r"\b(?:" + AND_THE_REST + "|" + THAT_KIND + r")\b", re.I)

# Why the changes are wanted, not which part of the topic: "so people can die where they choose".
_PURPOSE = re.compile(
    r"\bso\s+(?:that\s+)?(?:more\s+)?(?:people|patients|residents|they|we|everyone|families|folk)\s+(?:can|could|will"
    r"|are\s+able\s+to)\b[^,;.?!]*",
    re.I,
)

# The asker's own ("for our church newsletter", "my team"): who is asking, not a part of the topic.
_OURS = re.compile(r"\b(?:our|my)\s+(?:[a-z][\w'-]*\s+)?[a-z][\w'-]*(?:\s+and\s+[a-z][\w'-]*)?", re.I)

# Who the people asked about are, not what the question narrows to: "for patients registered with GPs in Ruislip",
# "people who live alone", "residents receiving care at home".
_WHO_THEY_ARE = re.compile(
    r"\b(?:patients|people|residents|those|anyone|families)\s+(?:who\s+(?:are|live|have|get)|registered\s+with|living\s+in"
    r"|receiving)\b[^,;.?!]*",
    re.I,
)


# Who is doing or planning it, not what is done: "What is the local health partnership actually doing to …", "Is the
# council planning …".
_AGENT = re.compile(
    r"\b(?:what(?:['’]s|\s+is|\s+are)?|is|are)\s+(?:[\w&'’-]+\s+){1,8}?(?:(?:actually|really|currently|now)\s+)?"
    r"(?=(?:doing|planning)\b)",
    re.I,
)


def narrowed_to(about: str, topic: str | None) -> tuple[str, ...]:
    """The words of a topic question that name something narrower than the topic: "asthma" in "Is anything
    changing for children with asthma at school in Brent?", "inpatient" and "beds" in "are there any other end of
    life inpatient beds, and what's proposed?". Who is asking and how are left out (see BROAD_WORDS), and a
    question naming the whole topic as one of its alternatives is not narrowed. Without a topic, any such word
    narrows ("how will the advice lines change?"). Parts named as examples of a list left open ("hospice nurses
    night care that kind of thing") narrow nothing."""
    return () if _OPEN_LIST.search(about) else _narrowing(about, topic)[0]


def named_beside(about: str, topic: str) -> tuple[str, ...]:
    """What a question names as an alternative to its whole topic: "reactive" in "the new model for urgent /
    reactive care". It widens the question, so records naming it belong in the answer whatever their topic."""
    return _narrowing(about, topic)[1]


def _narrowing(about: str, topic: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if WHOLE_ASK.search(about):
        return (), ()
    own = topic_scope_terms(topic) if topic else frozenset()
    named = topic_named(topic) if topic else None
    names_topic = named.asked_pattern if named else None
    found: list[str] = []
    whole = False
    said = _PURPOSE.sub(" ", _WHO_THEY_ARE.sub(" ", _OURS.sub(" ", _AGENT.sub(" ", about))))
    said = _KIND_OF_CHANGE.sub(" ", EXAMPLES.sub(" ", _FILLER.sub(" ", said)))
    said = BROAD_CUE.sub(" ", said)  # words for change itself: "overhaul", "shake-up", "what's coming"
    for part in ALTERNATIVES.split(said):
        pairs = content_words(part)
        narrower = [
            w.removesuffix("'s")  # "children's" narrows to children
            for w, t in pairs
            if len(w) > 2
            and t not in BROAD_WORDS
            and t not in ASKER
            and t not in own
            and not _ADVERB.search(w)
            and can_name(w)
            and not _comparative(w.lower())
            # a word the topic's own keywords name ("pregnancy" for the keyword "pregnan") is the topic itself
            and not (names_topic is not None and names_topic.match(w))
        ]
        if not narrower and any(t in own for _, t in pairs):
            whole = True  # "hospice at home / end of life care changes": one alternative is the whole topic
        found += [w for w in narrower if w not in found]
    return ((), tuple(found)) if whole else (tuple(found), ())


# Two questions joined by "and", the second a question of its own ("what new help is there and who do we call at
# night?", "what's new, and is there anything on …?").
JOINED_ASK = re.compile(r",?\s+and\s+(?=(?:what|whats|what's|how|is|are|will|who|when|where)\b)", re.I)
_ASKS_NEW = re.compile(r"\bwhat\s+(?:new|more|extra|other)\b", re.I)


def question_focus(asked: str, asking_words: str, topic: str | None) -> tuple[str, ...]:
    """What the asking sentence narrows to, unless it lists several parts and another sentence then asks for the
    whole: "Are there new services, longer hours, different beds? Please give me all of it." gives examples."""
    if topic is None:
        return ()
    if WHOLE_ASK.search(asked) and sum(1 for p in ALTERNATIVES.split(asking_words) if narrowed_to(p, topic)) > 1:
        return ()
    # Two questions joined, the first for the whole topic: "what's new, and is there anything on inclusive care?"
    # asks for every change, and then for a part of them. A narrow question first is what a second points back to
    # ("Where do patients get hospice beds today, and will that change?", "…, and what's proposed?").
    joined = JOINED_ASK.split(asking_words)
    if (
        len(joined) > 1
        and (TOPIC_CHANGE.search(joined[0]) or _ASKS_NEW.search(joined[0]))
        and not narrowed_to(joined[0], topic)
    ):
        return ()
    return narrowed_to(asking_words, topic)


def second_topic(asking_words: str, topic: str | None) -> tuple[str, ...]:
    """The other topic when the words that ask name two as alternatives ("any changes coming to GP practices or
    urgent care?"); () for one topic, or for more (a list of several topics asks about every topic). Beside the end
    of life, what else is named says whose or where ("hospice care and help for families", "dying in care
    homes"), as it does when the topic is read."""
    if topic is None or topic in ending_topics():
        return ()
    named = list(dict.fromkeys(t for part in ALTERNATIVES.split(asking_words) if (t := question_topic(part))))
    return tuple(t for t in named if t != topic) if len(named) == 2 and topic in named else ()
