"""Whom a change statement is about: a borough (or several), or NW London as a whole.

A statement's own words, the headings above it and the last title-like line that named a place decide; a
document about one borough lends it that borough. Lines naming three or more boroughs, or one after another,
are a chart's labels, not a section's title.
"""

from __future__ import annotations

from assistant.boroughs import BOROUGHS, NW_LONDON, detect
from assistant.records import CleanDocument
from ingest.change_rules import NW_TITLE, word_count

MIN_LISTED = 3  # a line naming three or more boroughs lists them (a chart's axis); a title names one or two


def places_named(line: str) -> tuple[str, ...]:
    """The places a title-like line names; () for a sentence or an aside ("(… and Hillingdon)")."""
    if word_count(line) > 12 or line.rstrip().endswith((".", ":", ";", ",")) or line.lstrip().startswith("("):
        return ()
    return (NW_LONDON,) if NW_TITLE.search(line) else detect(line).boroughs


def scope_of(
    doc: CleanDocument, words: str, path: tuple[str, ...], region: tuple[str, ...]
) -> tuple[str, tuple[str, ...]]:
    """A borough's record when its headings, its words (`words`: the sentence around it), its section's title
    (`region`) or its document name boroughs; else NW London-wide (a borough's paper may carry a NW
    London-wide section, titled so)."""
    said = detect(words)
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
