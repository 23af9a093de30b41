"""Word-level text analysis shared by query understanding and the answer composer."""

from __future__ import annotations

import re
from functools import cache

_WORD = re.compile(r"[a-z0-9£&/]+(?:['’][a-z]+)?")

# A sentence ends at . ! ? before a capital, digit, quote, bracket or bullet, but not after list numbering such
# as "functions: 1. Same day" or after "e.g." and "i.e."; a line break always ends one. Space after . ! ? at the
# very end counts too, so a streamed sentence is finished before the next one starts. Semicolons end clauses,
# for callers that want them.
_SENTENCE_BREAK = re.compile(
    r"(?<=[.!?])(?<![\s:(]\d\.)(?<!\be\.g\.)(?<!\bi\.e\.)[^\S\n]+(?=[A-Z0-9‘“'\"(•-]|\Z)|[^\S\n]*\n\s*"
)
_CLAUSE_BREAK = re.compile(f"{_SENTENCE_BREAK.pattern}|(?<=;)\\s+")

# Question scaffolding: words that say what kind of answer is wanted, not what it is about.
QUESTION_WORDS = frozenset(
    """what whats what's which who whom whose when where why how is are was were be been do does did can could
    will would should shall may might tell me about give list show explain describe there their they them it its
    this that these those any anything some please know happen happening happens going get got new
    many much borough boroughs change changes changing changed resident residents people local
    and also else about then so for of in on at to from with by the a an or as
    i we you our your us
    what's who's when's where's how's it's isn't wasn't aren't weren't don't doesn't didn't won't can't there's
    it'll they'll we'll you'll i'll he'll she'll that'll there'll i'd we'd they'd you'd i've we've they've you've
    i'm we're they're you're he's she's that's
    actually actual concrete specific specifically anything something someone somebody thing things lot lots really
    right now today currently get gets getting set make makes making say says said come comes came like want wants
    go goes try tries trying doing done being up over off back just only still yet even ever already eventually
    versus vs under compare compared comparison instead apart other others here next kind sort way ways
    happening planned planning plan plans""".split()
)


@cache
def _stemmer() -> object:
    import Stemmer

    return Stemmer.Stemmer("english")


@cache
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


def sentence_breaks(text: str, clauses: bool = False) -> list[re.Match[str]]:
    """The runs of space between sentences of text (also after semicolons when clauses), in order.

    The one rule the chunker, the extractive composer and the LLM answer check all split by."""
    return list((_CLAUSE_BREAK if clauses else _SENTENCE_BREAK).finditer(text))


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def stem(word: str) -> str:
    return str(_stemmer().stemWord(word))  # type: ignore[attr-defined]


def terms(text: str) -> list[str]:
    """Stemmed content words, in order, without stopwords."""
    stop = _stopwords()
    return [stem(w) for w in words(text) if (w not in stop and len(w) > 1) or w in {"£", "&"}]


def content_terms(text: str) -> list[str]:
    """Terms of a question that name its topic: stopwords and question scaffolding removed."""
    return [term for _, term in content_words(text)]


def content_words(text: str) -> list[tuple[str, str]]:
    """(word, term) for each distinct term of content_terms, with the first word that gave it."""
    stop = _stopwords() | QUESTION_WORDS
    seen: dict[str, str] = {}
    for w in words(text):
        if w in stop or len(w) < 2:
            continue
        seen.setdefault(stem(w), w)
    return [(w, s) for s, w in seen.items()]
