"""A small hand-written pack whose text carries what renderers must survive: markup, formulas, quotes, arrows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assistant.faq.models import DocumentRef, FaqCitation, FaqItem, FaqPack

HOSTILE_QUOTE = 'Beds <script>alert("x")</script> & *five* new → “24/7” care'


def citation(n: int, quote: str, boroughs: tuple[str, ...] = ("Ealing",), doc: str = "jfp") -> FaqCitation:
    return FaqCitation(
        n=n,
        file="003_jfp.txt",
        document=doc,
        title="Joint Forward Plan for North West London",
        source_label="NW London Joint Forward Plan 2024",
        date="5 July 2024",
        quote=quote,
        start=10 * n,
        end=10 * n + len(quote),
        chunk_id=f"{doc}-{n}",
        content_hash=f"hash{n}",
        heading_path=["NW London Joint Forward Plan 2024", "Ealing"],
        chunk_boroughs=list(boroughs),
    )


@pytest.fixture
def sample_pack() -> FaqPack:
    answered = FaqItem(
        id="changes",
        question="What changes for residents in Ealing?",
        topic="What changes",
        covered=True,
        answer=f"- {HOSTILE_QUOTE} [1]\n- =SUM(A1) is not a formula [2]\nStatus: proposed in “JFP” (5 July 2024) [1].",
        status="proposed",
        confidence="medium",
        confidence_reasons=["only one citation"],
        citations=[citation(1, HOSTILE_QUOTE), citation(2, "=SUM(A1) is not a formula")],
    )
    not_covered = FaqItem(
        id="parking",
        question="What does parking cost at Ealing Hospital?",
        covered=False,
        answer="The documents do not say: I found no passage that answers it.",
    )
    return FaqPack(
        borough="Ealing",
        label="Ealing",
        built_at=datetime(2025, 3, 1, 12, 0, tzinfo=UTC),
        items=[answered, not_covered],
        documents=[
            DocumentRef(
                document="jfp",
                file="003_jfp.txt",
                title="Joint Forward Plan for North West London",
                short_title="NW London Joint Forward Plan 2024",
                publisher="NHS North West London Integrated Care Board",
                date="5 July 2024",
            )
        ],
    )
