"""Which version of the change rules made a catalog's records: a catalog made by another version is extracted
again, so a change to the rules, the topic keywords or the place names reaches every installed catalog."""

from __future__ import annotations

import hashlib
from importlib import resources


def data_digest(*names: str) -> str:
    """A digest of data files in assistant/data (topic keywords, place names) that ingest files things by: when
    they change, what was filed by them is made again, as when the rules change."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(resources.files("assistant.data").joinpath(name).read_bytes())
    return digest.hexdigest()[:12]


# Bump when the rules change: catalogs keep each document's records, and a new version re-extracts them.
# v10: short labels, statements of how things are or of who supports a plan, recommendations, conditions and
# continuations are not changes; a chart's borough labels and asides name no section; a slide title run into
# its text announces the list after it. v11: "will change" states a change; "2020/2021" dates one.
# v12: a short undated line above a paragraph, with no future marker, is its title; a glossary states no plan;
# a title names NW London only by opening with it, and narrows to the one or two boroughs it also names; a
# line naming a place inside a borough's titled section ends with that section. v13: a headed table's row
# label and a statement labelled "Priority n:" name aims; statements about the plan itself, of an effect, a
# risk or what something requires, and support for someone's vision are not changes. v14: minutes report
# discussion; assurance, progress ("are now reaching …") and "is the key objective" state, not plan.
# v15: a cell under a column headed by a time ("Year 2") takes that time, not the row's focus year; a
# capitalised change word after "of", "the", "for" … continues the phrase, it starts no new item. v16: "Progress
# the …" leads a plan. v17: the areas of each borough (Wembley, Feltham, Marylebone …) place a line in it. v18:
# focus labels, effects, wishes, staying the same and outcome-named aims are not plans; "NW London wide <noun>"
# leaves a statement where its section puts it. v19: why a change is made or who backs it is not a plan. v20:
# effects ("This will reduce …", "… helps prevent"), trends and problems, steps already taken, services to the
# ICB itself, a plan's own use ("use our System Intentions to …"), who acts ("Providers and commissioners are …")
# and two-noun labels ("Development & Workforce") are not changes; "e.g." ends no sentence. v21: a table cell that
# is only a heading (<h3>) titles the cells below it, it is no change. v22: a change opening a numbered list
# ("… with 3 core functions: 1. …; 2. …") announces its items; an aside in brackets ("(will require NHSE London
# funding)") does not make a statement a description. v23: a cell under a column title naming a topic ("Primary
# Care", in a grid of bands each titled by a plain row) takes it as its programme and as a heading for its topic.
EXTRACTOR_VERSION = "changes-v23+" + data_digest("topics.yaml", "boroughs.yaml")
