"""The topics changes are filed under, and which one a piece of text (a record or a question) is about."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import yaml

from assistant.spelling import by_first_letters, respell
from assistant.text import terms

OTHER_TOPIC = "other"


@dataclass(frozen=True)
class Topic:
    name: str
    about: str  # a description for the embedding model to compare records against
    keywords: tuple[str, ...]
    over_names: bool = False  # its keywords decide before other topics' names (see question_topic)
    # Words people use of a person that a plan's text uses of other things ("time left", "near the end"): they
    # name the topic in a question, never in a record (a plan's "time left to respond" is no end of life).
    said_of_people: tuple[str, ...] = ()

    @property
    def pattern(self) -> re.Pattern[str]:
        return _keyword_pattern(self.keywords)

    @property
    def asked_keywords(self) -> tuple[str, ...]:
        return (*self.keywords, *self.said_of_people)

    @property
    def asked_pattern(self) -> re.Pattern[str]:
        """What names the topic in a question: its keywords and the words people use of a person."""
        return _keyword_pattern(self.asked_keywords)


@cache
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    # Short capitalised acronyms (GP, A&E, SEND) match only in capitals; short words ("die") match whole words, not
    # the longer ones they start ("diet"); stems ("inequalit") match word starts.
    parts = []
    for word in keywords:
        # "*" stands for one word ("end of * life": "end of their life").
        body = re.escape(word).replace(r"\ \*\ ", r"[\s-]+(?:[\w']+[\s-]+)?").replace(r"\ ", r"[\s-]+")
        if word.isupper() and len(word) <= 5:
            parts.append(r"(?-i:(?<![\w&])" + body + r"s?(?![\w&]))")
        elif word.isalpha() and len(word) <= 3:
            parts.append(r"(?<![\w&])" + body + r"s?(?![\w&])")
        else:
            parts.append(r"(?<![\w&])" + body)
    return re.compile("|".join(parts), re.I)


@cache
def topics() -> tuple[Topic, ...]:
    data = yaml.safe_load(resources.files("assistant.data").joinpath("topics.yaml").read_text("utf-8"))
    return tuple(
        Topic(
            str(t["name"]),
            str(t.get("about", "")),
            tuple(str(k) for k in t.get("keywords", ())),
            bool(t.get("over_names", False)),
            tuple(str(k) for k in t.get("said_of_people", ())),
        )
        for t in data["topics"]
    )


@cache
def ending_topics() -> frozenset[str]:
    """The topics whose keywords decide before other topics' names (`over_names`: the end of life)."""
    return frozenset(t.name for t in topics() if t.over_names)


def topic_names() -> tuple[str, ...]:
    return (*(t.name for t in topics()), OTHER_TOPIC)


def keyword_topic(text: str) -> str | None:
    """The first topic whose keywords the text uses, or None when no keyword decides."""
    for topic in topics():
        if topic.pattern.search(text):
            return topic.name
    return None


# People mistype the long words of a topic ("pallative care", "demensia"): see assistant/spelling.py. Short
# keywords ("falls", "GP") are too near other words to respell.
MIN_RESPELLED = 7


@cache
def _respellable() -> dict[str, tuple[str, ...]]:
    return by_first_letters((w for t in topics() for w in (*t.keywords, *t.name.split())), MIN_RESPELLED)


def respelled(text: str) -> str:
    """The text with misspelt topic keywords written as the keywords ("hounslow pallative care" → "… palliative …")."""
    return respell(text, _respellable(), MIN_RESPELLED - 1)


def question_topic(question: str) -> str | None:
    """The topic a question names ("what is changing in palliative care for Harrow?"), or None for any topic. A
    topic's name beats another's keywords ("children's mental health" is mental health), except a topic whose
    keywords say more than any name (`over_names`: "his cancer is terminal" is about palliative care)."""
    lowered = question.lower()
    for topic in topics():
        if topic.over_names and topic.asked_pattern.search(question):
            return topic.name
    for topic in topics():
        if topic.name in lowered:
            return topic.name
    return next((topic.name for topic in topics() if topic.asked_pattern.search(question)), None)


def named_keywords(text: str, topic_name: str) -> tuple[str, ...]:
    """The keywords of one topic the text uses ("frailty", "end of life"): what a question names the topic by."""
    return tuple(
        k
        for topic in topics()
        if topic.name == topic_name
        for k in topic.asked_keywords
        if _keyword_pattern((k,)).search(text)
    )


@cache
def topic_named(name: str) -> Topic | None:
    """The topic of that name, or None."""
    return next((t for t in topics() if t.name == name), None)


@cache
def topic_terms(topic_name: str) -> frozenset[str]:
    """The stemmed words of a topic's name and keywords ("palliative", "hospic", "end", "life" …)."""
    found: set[str] = set()
    for topic in topics():
        if topic.name == topic_name:
            found.update(terms(topic.name))
            for keyword in topic.asked_keywords:
                found.update(terms(keyword))
    return frozenset(found)


@cache
def topic_scope_terms(topic_name: str) -> frozenset[str]:
    """A topic's terms and the words of its description ("dying at home", "community specialist"): what a
    question about the topic may say without narrowing it."""
    about = " ".join(t.about for t in topics() if t.name == topic_name)
    return topic_terms(topic_name) | frozenset(terms(about))


def keywords_pattern(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern matching any of the keywords as the topics match them, or None for none."""
    return _keyword_pattern(keywords) if keywords else None


@cache
def audience_descriptions() -> dict[str, tuple[str, ...]]:
    """For each audience a change can be for, the descriptions the embedding model compares records with."""
    data = yaml.safe_load(resources.files("assistant.data").joinpath("topics.yaml").read_text("utf-8"))
    return {str(name): tuple(str(d) for d in items) for name, items in data["audiences"].items()}


@lru_cache(maxsize=1024)
def title_topic(title: str) -> str | None:
    """The topic a document is about as a whole, read from its title (titles are few; asked once per record)."""
    return keyword_topic(title)
