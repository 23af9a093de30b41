"""What a document's layout says about the statements in it: which table columns hold the current service,
the new one or a date, which headings and lead-ins announce a list of changes (or a vision, a glossary,
minutes), which labels name an aim, how items run together in a cell are split, and which short lines are
titles. ingest/changes.py reads a document's blocks with these; ingest/change_rules.py judges each statement.
"""

from __future__ import annotations

import re

from ingest.change_rules import FUTURE, word_count

CURRENT_COL = re.compile(r"\b(current|today|existing|now|before|present|previous)\b", re.I)
NEW_COL = re.compile(r"\b(new|proposed|future|after|will|from\s+(?:\d{4}|april|[a-z]+\s+\d{4}))\b", re.I)
CHANGE_COL = re.compile(r"^\s*(what\s+)?(change[sd]?|difference|impact|what this means)\b", re.I)
NO_CHANGE = re.compile(r"^\s*(no\s+change|unchanged|stays?\s+the\s+same|no\s+difference)\b", re.I)

LABEL = re.compile(r"(?:^|(?<=\s))(?:Outcomes?|Activities|Actions|Deliverables|Key deliverables|Milestones)\s*::?\s*")
# A numbered list opened after a colon inside a statement ("… with 3 core functions: 1. Same Day …"), and its items.
OPENS_NUMBERED = re.compile(r":\s*1[.)]\s+\S")
NUMBERED_ITEM = re.compile(r"^\d{1,2}[.)]\s+\S")
# Columns that never hold a change: who depends, owns or measures, and the names of aims ("Sub-priority").
COLUMN_SKIP = re.compile(
    r"\b(dependenc\w*|owner|governance|risks?|lead|responsib\w*|kpis?|metrics?|measures?|sub[- ]?priorit\w*"
    r"|priority area)\b",
    re.I,
)
COLUMN_ANNOUNCES = re.compile(
    r"\b(outcomes?|activit\w*|actions?|deliverables?|milestones?|year|years|target|achieve|plans?|intentions?)\b",
    re.I,
)
# Headings and lead-ins whose lines are not changes: visions, principles, feedback, figures, case for change.
NOT_CHANGE_SECTION = re.compile(
    r"\b(vision|principles?|values|tell us|told us|themes?|feedback|we heard|said|by numbers|our population"
    r"|case for change|challenges?|contents|who we are|glossary|comprises|members|partners include"
    r"|what has happened|to date|lessons|context|background|case stud\w*|foreword|introduction|matters arising"
    r"|minutes|apologies)\b",
    re.I,
)
# A glossary's entries define terms ("Integrated Neighbourhood Teams: teams made up of …"); nothing under it,
# at any depth, states a plan.
GLOSSARY = re.compile(r"\b(glossary|acronyms|abbreviations|definitions|key terms)\b", re.I)
LEAD_IN = re.compile(
    r"(includ\w*|will\b|we will|aim to|aims? (?:are|is)|changes?|new model|improvements?|extension|expan\w+"
    r"|activities|deliver\w*|plans?|priorities|intentions?|next steps|what next|over the next|outcomes?|key"
    r"\s+deliverables|milestones|initiatives)",
    re.I,
)

# A line that is only a time: a plan's column of deliverables per year, set as lines ("2016/17", "Year 2",
# "Q3 25/26", "By March 2026").
TIME_LINE = re.compile(
    r"^\s*(?:(?:by|from|in|during)\s+)?(?:20\d\d(?:\s*/\s*(?:20)?\d\d)?|Q[1-4]\s*\d\d/\d\d|Years?\s+\d(?:\s*[-–]\s*\d)?"
    r"|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+20\d\d)\s*[:.]?\s*$",
    re.I,
)
DATE_COL = re.compile(r"\b(target date|date|deadline|timescale|timeline|focus year|when|year)\b", re.I)
# Words after which a capitalised word continues the phrase ("… location of Enhanced EoLC beds").
_JOINING = ("of", "the", "a", "an", "for", "to", "in", "on", "by", "with", "from", "at", "our", "their")
# Items run together in a table cell: split at "; ", after a footnote star, and before a capitalised change
# verb that follows a lower-case word, a figure or a date ("… – Q2 24/25 Implementation of …").
ITEM_SPLIT = re.compile(
    r";\s+|(?<=\*)\s+(?=[A-Z0-9'‘(])|(?<=[a-z0-9)])"
    + "".join(rf"(?<!\b{w})" for w in _JOINING)
    + r"\s+(?=(?:"
    + "Implement|Implementation|Deliver|Delivery|Develop|Development|Establish|Expand|Expansion|Improve|Improving"
    + "|Increase|Increased|Reduce|Reduced|Reducing|Introduce|Introduction|Embed|Build|Secure|Review|Focus|Leverage"
    + "|Enhanced|Roll|Launch|Create|Agree|Align|Mobilise|Extend|Extended|Strengthen|Transition|Recruit|Recruitment"
    + r")\b)"
)

# A line of its own this short, undated and with no future marker, is a title or an aim ("Improve access to
# care." above the paragraph that explains it), unless a lead-in announces it as an item of a list.
TITLE_LINE_WORDS = 14
DATE_MENTION = re.compile(r"\b20\d\d\b|\bQ[1-4]\b", re.I)


def is_title_line(line: str) -> bool:
    """A short line with no date and no future marker: a slide's or paragraph's title, or an aim, not a plan."""
    return word_count(line) <= TITLE_LINE_WORDS and not DATE_MENTION.search(line) and not FUTURE.search(line)


# A label saying the statement after it is an aim ("PRIORITY 9: Transform elective care pathways", "Aim 2: …"):
# the name of a priority, not a change in it.
AIM_LABEL = re.compile(r"(?:priority|aim|objective|goal|ambition|pillar|theme|principle)\s*\d*", re.I)


def after_cell_label(text: str, start: int, end: int) -> int:
    """Skip a cell's short title ("Care homes: …") so the statement starts at its verb."""
    colon = text.find(": ", start, min(end, start + 60))
    if colon > start and word_count(text[start:colon]) <= 5 and end - colon > 12:
        return colon + 2
    return start


# A slide's title run into its body by text extraction: "Key Strategic changes for 2020/21 … Expand and …".
TITLED_CHANGES = re.compile(
    r"^(?:[\w&/-]+\s+){0,4}(?:key\s+)?(?:strategic\s+)?(?:changes|intentions|deliverables|milestones|initiatives)\b",
    re.I,
)


def titled_changes(paragraph: str) -> str | None:
    """The opening words of a paragraph that starts by naming a set of changes (a slide's title), else None."""
    opening = " ".join(paragraph.split()[:12])
    return opening if TITLED_CHANGES.match(opening) else None


def announces(lead_in: str) -> bool:
    """A lead-in announces changes unless it introduces a vision, feedback or what was agreed before."""
    settled = re.search(r"\b(agreed|published|adopted|identified|set out)\b", lead_in, re.I)
    return bool(LEAD_IN.search(lead_in)) and not NOT_CHANGE_SECTION.search(lead_in) and not settled
