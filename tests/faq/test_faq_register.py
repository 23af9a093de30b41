"""FAQ packs answer "what changes" and "which services are new" from the change register.

Built over a copy of the bundled catalog whose register holds records (tests/register_index.py); the pack is
compared with what the register itself lists for the borough, so this holds for either register.
"""

from __future__ import annotations

import pytest

from assistant.change_views import changes_response
from assistant.embedding import Embedder
from assistant.faq.build import build_pack
from assistant.faq.questions import default_questions
from assistant.service import Assistant
from assistant.settings import Settings
from tests.register_index import with_register

pytestmark = pytest.mark.slow

BOROUGH = "Hammersmith and Fulham"


def test_pack_change_answers_list_every_register_row(
    bundled_index: Settings, embedder: Embedder, tmp_path_factory: pytest.TempPathFactory
) -> None:
    settings = with_register(bundled_index, tmp_path_factory.mktemp("faq-register") / "data")
    assistant = Assistant(settings, embedder)
    gen = assistant.generation
    register = changes_response(gen.register, gen.snapshot, [BOROUGH], None)
    assert register.changes
    questions = [q for q in default_questions(BOROUGH) if q.id in ("changes", "new-services")]
    pack = build_pack(assistant, BOROUGH, questions)
    items = {item.id: item for item in pack.items}
    changes = items["changes"]
    assert changes.covered and changes.citations
    residents = [c for c in register.changes if c.audience == "residents"]
    for change in [*residents, *register.stays_same]:
        text = f"{change.current} → {change.new}" if change.current and change.new else change.summary
        assert " ".join(text.split()) in changes.answer, change.id
    if register.stays_same:
        assert "Stays the same" in changes.answer
    new = items["new-services"]
    assert new.covered and new.answer.startswith(("New and expanded services", "Changes"))
    bullets = [line for line in new.answer.splitlines() if line.startswith("- ")]
    assert bullets and all(line.rstrip().endswith("]") for line in bullets)
    for item in (changes, new):
        for c in item.citations:
            assert gen.snapshot.documents[c.document].text[c.start : c.end] == c.quote
