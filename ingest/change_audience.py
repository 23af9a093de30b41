"""Whom a change is for: residents, or the organisation running the services.

A forward plan lists, beside the changes people would notice (longer hours, a new hub, shorter waits),
many about how the NHS runs itself (a BI function, a procurement, a workforce strategy). Both are changes
and the register keeps both, but "what changes for residents?" should list the first kind and only count
the NW London-wide ones of the second (a borough's own short list is shown whole: see
assistant/change_answer.py). No keyword list separates them (a "training hub" may be either), so the
embedding model compares each statement with short descriptions of both kinds (assistant/data/topics.yaml
`audiences`); a statement is filed under the organisation only when it reads clearly closer to those
(ORGANISATION_MARGIN), so a doubtful one stays in residents' answers. A current → new table row describes a
service as residents get it today and tomorrow, so it is always theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from assistant.changes import ChangeRecord
from assistant.topics import audience_descriptions

ORGANISATION_MARGIN = 0.10

Embed = Callable[[list[str]], np.ndarray]


def file_audience(records: Sequence[ChangeRecord], embed: Embed) -> list[ChangeRecord]:
    """The records with `audience` set; one batched model call for the lot."""
    wanted = [i for i, r in enumerate(records) if not r.stays_same and not (r.current and r.new)]
    if not wanted:
        return list(records)
    descriptions = audience_descriptions()
    residents, organisation = descriptions["residents"], descriptions["organisation"]
    vectors = embed([*residents, *organisation, *(records[i].new or records[i].summary for i in wanted)])
    people, org, statements = vectors[: len(residents)], vectors[len(residents) : -len(wanted)], vectors[-len(wanted) :]
    closer_to_org = (statements @ org.T).max(axis=1) - (statements @ people.T).max(axis=1) > ORGANISATION_MARGIN
    filed = list(records)
    for i, is_org in zip(wanted, closer_to_org, strict=True):
        filed[i] = replace(records[i], audience="organisation" if is_org else "residents")
    return filed
