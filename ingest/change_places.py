"""Whom a change statement is about: a borough (or several), or NW London as a whole.

A statement's own words, the headings above it and the last title-like line that named a place decide; a
document about one borough lends it that borough. Lines naming three or more boroughs, or one after another,
are a chart's labels, not a section's title.
"""

from __future__ import annotations

import re

from assistant.boroughs import BOROUGHS, NW_LONDON, detect
from assistant.records import CleanDocument
from ingest.change_rules import NW_TITLE

MIN_LISTED = 3  # a line naming three or more boroughs lists them (a chart's axis); a title names one or two
TITLE_WORDS = 12
_SENTENCE_STOP = re.compile(r"[.;:!?](?:\s|$)")
# A title is about the place it opens with ("North West London System Intentions", "Subject: NWL
# Commissioning Intentions", "9. NWL amalgamation update"); NW London named further on qualifies something
# else ("Community: Better Care – NWL Diabetes Transformation Programme") and does not widen the section.
# "NW London wide" before a noun names someone else's programme a borough joins ("Participating and aligning with
# NW London wide Special School Nursing programme", in Brent's section): it says nothing of where the change is.
_NW_QUALIFIER = re.compile(r"\b(?:north west|nw) london[- ]wide\s+(?=[a-z])", re.I)
# A borough named as where a change starts, or as an example, does not narrow it: "Reduced variation of stage
# of diagnosis at borough level by 8% (starting with Brent …)" is a NW London-wide target.
_EXAMPLE_PLACE = re.compile(
    r"\b(?:(?:starting|beginning)\s+(?:with|in)|first\s+in|e\.g\.?|such\s+as|for\s+example)\s+[^,;()]*", re.I
)
_OPENS_NW = re.compile(r"^(?:\d{1,2}[.)]?\s+|[\w ]{1,20}:\s+)?(?:the\s+)?" + NW_TITLE.pattern, re.I)


def places_named(line: str) -> tuple[str, ...]:
    """The places a title-like line names; () for a sentence or an aside ("(… and Hillingdon)").

    Slide titles run together by text extraction ("NWL Key System Priorities 2020/21 System Intentions
    Hammersmith and Fulham Local Context Unscheduled and Emergency Care") are read by their first words, as
    long as no sentence stop shows the line is prose. A title naming NW London and one or two boroughs is
    about those boroughs: the borough's part of a NW London-wide programme. NW London must open the title."""
    if line.rstrip().endswith((".", ":", ";", ",")) or line.lstrip().startswith("("):
        return ()
    words = line.split()
    if len(words) > TITLE_WORDS:
        if len(words) > 2 * TITLE_WORDS or _SENTENCE_STOP.search(line):
            return ()
        line = " ".join(words[:TITLE_WORDS])
    boroughs = detect(line).boroughs
    if 0 < len(boroughs) < MIN_LISTED or not _OPENS_NW.match(line.strip()):
        return boroughs
    return (NW_LONDON,)


class SectionPlaces:
    """Whom the section being read is about, as its titles say, while a document's blocks are walked.

    A heading naming a place holds for its section (and the sections under it). A title-like text line names
    the place of the innermost titled section it sits in, or, outside any, holds until another line names a
    place: slide decks title their slides with text lines, not headings. A heading naming NW London holds
    like such a line (the document has turned to the whole system). Lines naming boroughs one after another
    are an enumeration (a chart's labels), not a title: they leave the section's place unknown.
    """

    def __init__(self) -> None:
        self.base: tuple[str, ...] = ()  # what the last title-like line outside a titled section named
        self.sections: list[tuple[int, tuple[str, ...]]] = []  # (heading level, places) of open sections
        self.named_at = -99  # the index of the last block that named a place

    @property
    def region(self) -> tuple[str, ...]:
        return self.sections[-1][1] if self.sections else self.base

    def note(self, line: str, level: int, index: int) -> bool:
        """Take in a heading (`level` > 0: it ends the open sections of its level or below) or a text line;
        True when the line is one of an enumeration's labels."""
        before = self.region
        while level and self.sections and self.sections[-1][0] >= level:
            self.sections.pop()
        named = places_named(line)
        if not named:
            return False
        enumeration = len(named) >= MIN_LISTED or (
            index - self.named_at <= 2 and named != before and NW_LONDON not in named
        )
        self.named_at = index
        if enumeration:
            named = ()
        if level and named == (NW_LONDON,):
            self.sections.clear()
            self.base = named
        elif level:
            self.sections.append((level, named))
        elif self.sections:
            self.sections[-1] = (self.sections[-1][0], named)
        else:
            self.base = named
        return enumeration


def scope_of(
    doc: CleanDocument, words: str, path: tuple[str, ...], region: tuple[str, ...]
) -> tuple[str, tuple[str, ...]]:
    """A borough's record when its headings, its words (`words`: the sentence around it), its section's title
    (`region`) or its document name boroughs; else NW London-wide (a borough's paper may carry a NW
    London-wide section, titled so)."""
    said = detect(_EXAMPLE_PLACE.sub(" ", _NW_QUALIFIER.sub(" ", words)))
    if said.nw_london and not said.boroughs:  # "… to all boroughs", "… across NW London"
        return "nw_london", BOROUGHS
    found = [*detect(" > ".join(path)).boroughs, *said.boroughs]
    if not found and region == (NW_LONDON,):
        return "nw_london", BOROUGHS
    if not found:
        found = list(region)
    meta = [b for b in doc.meta.boroughs if b != NW_LONDON]
    if not found and len(meta) == 1 and NW_LONDON not in doc.meta.boroughs:
        found = meta
    boroughs = tuple(b for b in BOROUGHS if b in found)
    if boroughs:
        return "borough", boroughs
    return "nw_london", BOROUGHS
