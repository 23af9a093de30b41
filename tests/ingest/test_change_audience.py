"""Filing changes for residents or for the organisation, with the real embedding model."""

from __future__ import annotations

import pytest

from assistant.changes import ChangeRecord, ChangeSpan
from assistant.embedding import Embedder
from ingest.change_audience import file_audience

pytestmark = pytest.mark.slow


def _record(summary: str, current: str | None = None, new: str | None = None) -> ChangeRecord:
    span = ChangeSpan("doc", "doc.txt", 0, len(summary), "doc:0", summary)
    return ChangeRecord(
        id=summary[:20],
        summary=summary,
        kind="other",
        topic="other",
        scope="nw_london",
        boroughs=(),
        document="doc",
        title="A plan written in the test",
        date="2026",
        date_sort="2026-01",
        era="current",
        spans=(span,),
        current=current,
        new=new,
    )


def test_statements_about_running_the_nhs_are_filed_for_the_organisation(embedder: Embedder) -> None:
    residents = [
        "Patients will be able to see a physiotherapist at their local clinic within two weeks",
        "A new evening walk-in service for children with asthma will open in every borough",
    ]
    organisation = [
        "Procure a new finance ledger and consolidate back office budgets across the trusts",
        "Develop a business intelligence function with analytics dashboards for commissioners",
    ]
    filed = file_audience([_record(s) for s in residents + organisation], embedder.embed_documents)
    assert [r.audience for r in filed] == ["residents"] * 2 + ["organisation"] * 2


def test_a_current_to_new_row_is_always_for_residents(embedder: Embedder) -> None:
    row = _record(
        "Budget held centrally → Budget devolved to boroughs",
        current="Budget held centrally",
        new="Budget devolved to boroughs",
    )
    assert file_audience([row], embedder.embed_documents)[0].audience == "residents"
