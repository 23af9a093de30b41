"""Which questions the change register answers, and what they ask of it (boroughs, topic, new services only).

About a borough (or each borough, or NW London) and nothing narrower, a word for change or plans anywhere will
do, however it is worded: "What changes for residents in Brent?", "Ealing: what's changing?", "overview of the
planned changes for Hounslow", "What do the plans mean for people in Ealing?", "What will be new for LBHF
residents?". About a topic ("palliative care", "GP appointments") a question must ask for the changes or plans
outright ("What is changing in palliative care for Harrow residents?", "How will GP services change in Brent?",
"hospice care changes for Brent residents", "What's planned for palliative care in Harrow?", "Are there plans
to change hospice services in Harrow?", "ealing palliative care plans"): "will patients see any change in how
they get a GP appointment?" asks for a detail today's passage answers give better, while passages answer
"what's planned for palliative care in Harrow?" with Harrow's frailty workstreams, because the NW London-wide
plan that applies never names Harrow.

People say who they are before they ask ("As a district nurse in Ealing, I'd like to know ...", "My aunt is
terminally ill and lives in Hounslow. What's planned ...?"). The question proper is what follows, and a topic
named only in who is asking is not the one asked about ("I work at a GP surgery in Hillingdon, what overall
changes should patients expect?" asks about every topic). A question opening with when, where, who, why or how
many/much/long, or asking which month, asks one detail; so does "how will the change be funded". The question
proper may start mid-sentence, at a polite ask ("As a volunteer in Chelsea I'd like to understand how …"), and a
closing courtesy ("Can you help?") leaves the question before it. A search of a place and a topic and nothing else
("hillingdon end of life care") asks what the plans do for that care there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.boroughs import respelled_places
from assistant.change_focus import (
    ANYTHING_ELSE,
    ASKS_ITSELF,
    BROAD_WORDS,
    EXAMPLES,
    JOINED_ASK,
    WHOLE_ASK,
    named_beside,
    narrowed_to,
    question_focus,
    second_topic,
    without_needs_listed,
)
from assistant.change_topics import (
    ABOUT_THEM,
    GENERAL_CARE,
    REQUEST,
    WHOLE_PICTURE,
    ends_life,
    is_question,
    story_topic,
    topic_asked,
    topics_read,
)
from assistant.change_wordings import (
    BROAD_CHANGE,
    BROAD_CUE,
    HELP_ASKED,
    SETTLED_WORDS,
    TOPIC_CHANGE,
    TOPIC_CUE,
    TOPIC_DETAIL,
    respelled_change_words,
)
from assistant.detail_asks import ANY_COMPARISON, asks_one_detail, compares_other_things, without_sorting
from assistant.message_parts import (
    HEDGE,
    POLITE_ASK,
    POLITE_START,
    WHO_IS_ASKING,
    clauses,
    first_opening,
    sentences,
    topic_words,
    without_purpose,
)
from assistant.query import Intent, QueryPlan, answer_type
from assistant.slots import ASKER
from assistant.text import content_words
from assistant.topics import ending_topics, named_keywords, question_topic, respelled

# What the asker heard or read, told in the past: "i heard there was a consultation" asks nothing about the past.
_HEARD = re.compile(r"\b(?:i|we)\s+(?:heard|read|saw|was\s+told|were\s+told)\b[^.?!]*", re.I)
_HISTORY = re.compile(r"\b(?:was|were|did|had|used\s+to)\b|\b(?:change|difference)\s+(?:in|to)\s+how\b", re.I)
# "Which services are new?" asks for what is added or grown, not what is cut back or closed; "what's new for
# residents?" and "what will be new in health and care?" ask what the news is, every change.
NEW_ASK = re.compile(
    r"\bnew\s+services?\b|\b(?:which|services?)\b[^?.!]*?\b(?:is|are|be)\s+new\b|\bwhich\s+(?:[\w-]+\s+){0,3}new\b"
    # "which parts of the new model apply here?" asks what the model changes, not only what it adds
    r"(?!(?:\s+[\w-]+){0,5}?\s+(?:model|plans?|arrangements|set-?up)\b)",
    re.I,
)
# "What has been approved or decided for H&F?" asks for what is settled; "… and what's still up in the air?", "what is
# proposed", "what's just talk" or "what's different" asks for the rest too.
_SETTLED_ASK = re.compile(r"\b(?:has|have|'s|'ve)\s+been\s+(?:\w+\s+){0,2}?" + SETTLED_WORDS + r"\b", re.I)
_UNSETTLED = re.compile(
    r"\b(?:propos\w*|consult\w*|up\s+in\s+the\s+air|not\s+yet|still|undecided|planned|(?:just|only|all)\s+talk"
    r"|chang\w*|differ\w*|roll(?:ed|ing)?\s+out|happening|coming)\b",
    re.I,
)
_ALSO_CHANGED = re.compile(
    r"\b(?:chang\w*|differ\w*|improv\w*|better|expan[ds]\w*|extend\w*|enhanc\w*|reduc\w*|reorganis\w*)", re.I
)
MAX_BARE_WORDS = 8
MAX_FRAGMENT_WORDS = 6
# A statement telling the asker's story ("the doctor say he is dying", "The oncologist told us it's months now."),
# not naming a part of the topic ("Dementia services in Brent.").
_TELLS_STORY = re.compile(r"\b(?:he|she|him|her|his|my|our|us|we|i|they|them|their|told|said|says?|saying)\b", re.I)
_QUESTION_WORD = re.compile(
    r"\?|\b(?:what|whats|which|how|when|where|who|whom|whose|why|is|are|was|were|do|does|did|can|could|will|would"
    r"|should|has|have|had|any)\b",
    re.I,
)


# Where to begin reading, not a place asked about: "I'd like the complete picture … Where do I start?"
_WHERE_TO_START = re.compile(r"^\W*where\s+(?:do|should|can|would)\s+(?:i|we|one)\s+(?:start|begin)\b", re.I)
_JOINED_QUESTION = re.compile(r",?\s+and\s+(?=(?:what|whats|what's|how|is|are|will)\b)", re.I)
# A relative clause to the end of its sentence, unless the sentence asks: "who has advanced cancer."
_RELATIVE = re.compile(r"^(?:who|whose|which)\b[^.!?]*[.!](?:\s+|$)", re.I)


@dataclass(frozen=True)
class ChangeQuestion:
    """What a change question asks of the register: which boroughs (none: NW London as a whole), which topic."""

    boroughs: tuple[str, ...]
    each: bool  # "in each borough": one section per borough
    topic: str | None
    new_only: bool = False  # "which services are new": reductions and closures left out
    settled_only: bool = False  # "what has been approved or decided": proposals left out
    mentions: tuple[str, ...] = ()  # the topic's keywords the question names ("frailty"), matched in any record
    focus: tuple[str, ...] = ()  # what a topic question narrows to, as words of the question ("inpatient", "beds")
    sites: tuple[str, ...] = ()  # the sites asked about ("Central Middlesex Hospital"): the answer lists what names it
    also: tuple[str, ...] = ()  # a second topic named beside the first ("GP practices or urgent care"): both listed

    @property
    def topics(self) -> tuple[str, ...]:
        """The topics asked about, the first one first; () for every topic."""
        return (self.topic, *self.also) if self.topic else ()


_POLITE_OPENING = re.compile(r"^\W*" + POLITE_ASK, re.I)


def asked_part(question: str) -> str:
    """The question without the openings that only say who is asking (or greet, or apologise: see HEDGE), which name
    no topic asked about."""
    rest = question.strip()
    while True:
        rest = HEDGE.sub("", rest, count=1)
        opening = first_opening(rest)
        # "I need a quick picture of what's planned to change." says who is asking and asks: it stays, as does "As
        # a volunteer I'd like to understand how hospice care is being reshaped."
        if (
            opening is None
            or not WHO_IS_ASKING.match(opening)
            or BROAD_CHANGE.search(opening)
            or POLITE_START.search(opening)
            # "I'd appreciate a summary of how local services are developing - …" asks from its first word
            or _POLITE_OPENING.match(opening)
        ):
            return rest
        rest = rest[len(opening) :].strip()
        # "I'm a carer for my wife, who has motor neurone disease; we live in Chelsea." The clause after the comma
        # still says who is asking; it asks nothing ("who" there is not a question).
        if opening.rstrip().endswith(",") and (relative := _RELATIVE.match(rest)):
            rest = rest[relative.end() :].strip()


def _asking_sentence(asked: str) -> tuple[str | None, str, str] | None:
    """The topic of the first sentence that asks for changes (None: every topic), the words that named it and the
    words of the sentence (or clause) that asks; None when no sentence asks. "Are end of life services in Westminster
    changing? My partner has advanced cancer." asks about palliative care; "Dementia services in Brent. What is
    changing?" about mental health, the topic an earlier sentence named (unless that sentence only said who is
    asking; see asked_part)."""
    read = topics_read(sentences(asked))
    # A question before a statement: "Student nurse, writing an assignment on service redesign. How is palliative
    # care going to change?" asks about palliative care.
    questions_first = sorted(read, key=lambda r: not r[0].rstrip().endswith("?"))
    # The sentences worded as questions or requests, not statements ("Volunteer, writing on service redesign.").
    questions = [r for r in read if is_question(r[0])]
    asks = [a for r in questions if (a := _asks(*r))] or [a for r in questions_first if (a := _asks(*r))]
    # Questions each naming its own topic, then the whole asked for ("1. What is changing in GP care? 2. Any other
    # changes to hospital discharge services? Basically everything that is different."), ask about every topic, as a
    # list of several topics does (see topic_asked).
    own = {r[2] for r in questions if r[2] and r[3] == r[1] and _asks(*r)}
    if len(own) > 1 and any(WHOLE_ASK.search(r[0]) and question_topic(r[1]) is None for r in questions):
        return None, asks[0][1], asks[0][2]
    if asks:
        # Asked twice, narrowly and then as a whole ("st johns hospice - is anything changing? whats changing in
        # palliative care generally"; "mental health for young people is being changed - is that right? And more
        # broadly, what's everything that's changing?"), the question is the widest one.
        return next((a for a in asks if a[0] is None), None) or next(
            (a for a in asks if not (a[0] and narrowed_to(a[2], a[0]))), asks[0]
        )
    for k, (sentence, about, topic, named_in) in enumerate(read):
        # Failing every wording: a question's words for the future or for something different, in the sentence
        # that asks.
        asking = (
            # worded as a question, with or without its mark ("hi what new hospice type help is planned for ealing
            # people."), or as a request
            is_question(sentence) or all(_says_nothing(later) for later, *_ in read[k + 1 :])
        )
        # A statement of the asker's story that named the topic ("He want to die in home not in hospital. What
        # new help is coming for this?") tells their situation, not a part of the topic asked about.
        narrowing = about if named_in != about and _TELLS_STORY.search(named_in) else named_in
        if asking and not _HISTORY.search(_HEARD.sub(" ", sentence)) and _cued(sentence, topic, narrowing):
            return topic, named_in, about
    if len(read) == 1:
        sentence, about, topic, named_in = read[0]
        if _bare_search(sentence, topic, named_in):
            return topic, named_in, about
    return None


def _asks(sentence: str, about: str, topic: str | None, named_in: str) -> tuple[str | None, str, str] | None:
    """What one sentence asks, when one of its wordings asks for changes (see _asking_sentence)."""
    pattern = TOPIC_CHANGE if topic else BROAD_CHANGE
    matched = [c for c in clauses(sentence) if pattern.search(c)]
    if not matched:
        return None
    clause = min(matched, key=len)
    # The whole asked first, then a part of it: "What is changing in health and care in Westminster, and is there
    # anything new for people who can't register with a GP?" asks about every topic.
    first, *rest = JOINED_ASK.split(max(matched, key=len))
    if rest and question_topic(first) is None and _general_care(first) and BROAD_CHANGE.search(first):
        return None, named_in, about
    # What is asked is in the clause that asks, when it names the topic itself: "Pharmacist in Harrow on the Hill -
    # are there changes to end of life care?" narrows to nothing.
    own = topic_words(clause)
    # "Before we register with a GP I want to understand what changes are planned for Harrow in general."; the
    # examples given of the whole ("including young people's mental health", a list after a colon, or after a dash
    # when it ends with the rest: "what is changing in health and care - primary care networks, commissioning plans
    # and anything else significant") name no topic; a dash list alone ("— the hospice, care at home, nights?") does.
    core = EXAMPLES.sub(" ", own)
    core = (without_needs_listed(core) if ANYTHING_ELSE.search(core) else core).split(":")[0]
    # After a dash, what an ask for care in general goes on to name is what it takes in: "an overview of the planned
    # changes to local health and care — the partnership's priorities and anything new in community services".
    head = _DASH.split(core)[0]
    if head != core and question_topic(head) is None and _general_care(head):
        core = head
    wide = WHOLE_PICTURE.search(about) or WHOLE_PICTURE.search(core) or _general_care(core)
    if topic and wide and question_topic(GENERAL_CARE.sub(" ", core)) is None:
        return None, named_in, about
    return topic, named_in, own if topic and topic_asked(own) == topic else about


_DASH = re.compile(r"\s[-–—]\s")


def _general_care(words: str) -> bool:
    """Whether the words name health services in general; not as the end of a topic's name ("mental health
    services", which the word before it makes a topic's)."""
    for match in GENERAL_CARE.finditer(words):
        before = words[: match.start()].split()[-1:]
        if question_topic(match.group()) is not None or question_topic(" ".join([*before, match.group()])) is None:
            return True
    return False


def _says_nothing(sentence: str) -> bool:
    """A sentence of courtesy alone ("Can you help?", "Thanks in advance."): the question is before it."""
    return all(t in BROAD_WORDS or t in ASKER for _, t in content_words(sentence))


def _bare_search(sentence: str, topic: str | None, about: str) -> bool:
    """A search of a place and a topic and nothing else ("westminster palliative care", "hillingdon end of life
    care"): in documents about plans, it asks what they plan for that care there. A question word, or any word
    narrower than the topic ("hounslow hospice phone number"), makes it a question passages answer."""
    return (
        topic is not None
        and not _QUESTION_WORD.search(sentence)
        and len(about.split()) <= MAX_BARE_WORDS
        and not narrowed_to(about, topic)
    )


def _cued(sentence: str, topic: str | None, about: str) -> bool:
    """Failing every wording, whether the sentence that asks speaks of change: any word of the future or of
    something new or different about a place; about a topic, a word of change itself, and only about the topic
    as a whole (nothing it narrows to: "will families have to pay for the overnight nursing?" asks a detail) and
    not which one, how it works or what it costs."""
    # Asking for all of it ("Could you give me the full story for Harrow?"; after the topic was named, "… whether
    # hospice services are being improved, merged or cut. Could you set out the full story?") asks for every change.
    whole = bool(REQUEST.match(sentence) and WHOLE_ASK.search(sentence))
    if topic is None:
        return bool(BROAD_CUE.search(sentence)) or whole
    # For the end of life, what help there is or will be is what the new model of care provides ("my husband very
    # sick … what help can come to our house?", "What support will there be for families when someone is dying?").
    cued = TOPIC_CUE.search(sentence) or (topic in ending_topics() and HELP_ASKED.search(sentence)) or whole
    return bool(cued) and not TOPIC_DETAIL.search(sentence) and not narrowed_to(about, topic)


def change_question(plan: QueryPlan) -> ChangeQuestion | None:
    """The register query a standalone question asks for, or None when it is not a "what changes" question.

    The register answers for a borough, a topic, both, each borough or NW London; "what changes were made
    to the model?" names none of them and asks about one document, so passages answer it.
    """
    # The words for change first: "whats chaning" is one letter from "changing" before it is one from "Charing".
    question = respelled_places(respelled(respelled_change_words(plan.standalone)))
    # What is compared or asked in detail is in the question proper, not in who is asking ("my mum keeps getting
    # passed between the GP and the hospital").
    asked = asked_part(question)
    asking_something = [s for s in sentences(_without_examples(asked)) if not _WHERE_TO_START.match(s)]
    # A comparison in the asker's story ("I've been passed between the GP, the hospital and the council.") is not
    # asked for: only the sentences that ask compare, when any does.
    questions = [s for s in sentences(asked) if is_question(s)]
    # A detail named only among the examples of a whole asked for ("a full account …, including opening hours, new
    # services and beds") is a part of the answer, not the question, and one named in the story ("My library's
    # opening hours have just been cut.") is not asked at all.
    asked_type = answer_type(_without_examples(" ".join(questions) or question))
    if plan.out_of_scope or (plan.answer_type is not None and asked_type is not None):
        return None
    # What the answer is for ("For an MSc assignment comparing borough plans: …") compares nothing asked.
    compared = without_sorting(without_purpose(" ".join(questions) or asked))
    if compares_other_things(compared) or asks_one_detail(_before_changes(asking_something)):
        return None
    each = plan.intent is Intent.each_borough and not plan.scope
    asking = _asking_sentence(asked)
    # A short story of someone's end of life told in the asker's own words ("My dad is dying at home in Hayes.")
    # was left out as who is asking; a question for help after it ("What help can come to our house?") names no
    # topic of its own, and asks about the care the story names.
    left_out = question[: len(question) - len(asked)] if asked and question.endswith(asked) else ""
    if asking is None and ends_life(left_out):
        asking = _asking_sentence(question)
    if asking is None:
        return None
    topic, about, asking_words = asking
    # A question about the person the story tells of ("people in her situation, both in care homes and at home")
    # asks about the end of life the story names, wherever the care is given.
    about_them = topic is not None and ABOUT_THEM.search(asking_words) and not ends_life(about)
    told = story_topic(question, asked, asking_words) if topic is None or about_them else None
    if told and (topic is None or ends_life(told[1])):
        topic, about = told
    # "For my dissertation I'm comparing borough plans." tells what the asker does with the answer, not what is asked.
    compares = ANY_COMPARISON.search(compared) and narrowed_to(_without_examples(asking_words), topic)
    if not (plan.scope or each or topic or plan.nw_london) or (topic is None and compares):
        # About a place alone, a comparison that names what it compares ("how will the advice lines change versus
        # today?") asks about something the register's answer about every topic does not narrow to.
        return None
    return ChangeQuestion(
        boroughs=plan.scope,
        each=each,
        topic=topic,
        # "what new services are coming and what will be run differently": new and changed, every change
        new_only=bool(NEW_ASK.search(asked)) and not _ALSO_CHANGED.search(asked),
        settled_only=bool(_SETTLED_ASK.search(asked)) and not _UNSETTLED.search(asked),
        mentions=(*named_keywords(about, topic), *named_beside(asking_words, topic)) if topic else (),
        # What the asking sentence narrows to: a sentence before it that named the topic tells the asker's story
        # ("Mum wants to die at home rather than in hospital. Will there be more help for that in Ealing?").
        focus=question_focus(asked, asking_words, topic),
        sites=plan.sites,
        also=second_topic(asking_words, topic),
    )


def _without_examples(text: str) -> str:
    """The text without the examples of a whole asked for and the needs listed after a dash (see change_focus)."""
    return without_needs_listed(EXAMPLES.sub(" ", text))


def _before_changes(parts: list[str]) -> list[str]:
    """The sentences whose details are asked: the questions after the last one that asks for changes. "Who will
    help her at home, at night? What's changing in Westminster for people in her position?" names the asker's
    worries, then asks for what changes; "Hours? Beds? Which hospices? Just list it all." gives examples of the
    whole."""
    # Two questions joined in one sentence ("Who runs things these days and what is being changed?") are two.
    parts = [q for s in parts for q in _JOINED_QUESTION.split(s)]
    last = max(
        (
            k
            for k, s in enumerate(parts)
            if WHOLE_ASK.search(s) or (is_question(s) and (BROAD_CHANGE.search(s) or TOPIC_CHANGE.search(s)))
        ),
        default=-1,
    )
    # Short fragments after it are examples of the whole ("what's new?? night nurses? a number to call 24/7??").
    return ["" if k < last or (k > last > -1 and _fragment(s)) else s for k, s in enumerate(parts)]


def _fragment(sentence: str) -> bool:
    """A few words that do not ask anything themselves: "night nurses?", "a number to call 24/7??"."""
    return len(sentence.split()) <= MAX_FRAGMENT_WORDS and not ASKS_ITSELF.match(sentence)
