"""LLMComposer's sentence checks on hand-made passages, with langchain-core's GenericFakeChatModel."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant.llm_compose import LLMComposer, check_sentences
from assistant.query import plan_query
from assistant.records import Composition
from tests.assistant.handmade import CHUNKS, TEXT, hits

QUESTION = "What happens to the hours of the community palliative care team?"
SUPPORTED = "From 1st October 2025 the team will work 8am to 8pm, 7 days a week [1]."
ALSO_SUPPORTED = "The proposals were approved by the programme board in June 2024 [1]."
INVENTED = "The service will cost £99 million and be run by robots on the moon [1]."
EXTRACTIVE = Composition("- extractive answer [1]", [], False, None, 0.5)


def _model(reply: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([AIMessage(content=reply)]))


def test_check_sentences_tests_each_sentence_against_its_passage() -> None:
    checked = check_sentences(f"{SUPPORTED} {INVENTED}\n- Nothing cited here.", hits(*CHUNKS))
    assert [(c.text, c.markers, c.supported) for c in checked] == [
        (SUPPORTED, (1,), True),
        (INVENTED, (1,), False),
        ("Nothing cited here.", (), False),
    ]


def test_check_sentences_rejects_a_marker_past_the_passages() -> None:
    (checked,) = check_sentences(SUPPORTED.replace("[1]", "[7]"), hits(*CHUNKS))
    assert checked.markers == () and not checked.supported


def test_supported_answer_is_kept_with_verbatim_citations() -> None:
    composer = LLMComposer(_model(f"{SUPPORTED} {ALSO_SUPPORTED}"))
    composition = composer(plan_query(QUESTION, QUESTION), hits(*CHUNKS), EXTRACTIVE)
    assert composition.composer == "llm"
    assert composition.answer.splitlines()[:2] == [SUPPORTED, ALSO_SUPPORTED]
    assert [u.text for u in composition.units] == [SUPPORTED.removesuffix(" [1].") + "."]
    assert all(TEXT[u.start : u.end] == u.text for u in composition.units)


def test_mostly_unsupported_answer_falls_back_to_the_extractive_one() -> None:
    composer = LLMComposer(_model(f"{SUPPORTED} {INVENTED} {INVENTED.replace('moon', 'sun')}"))
    composition = composer(plan_query(QUESTION, QUESTION), hits(*CHUNKS), EXTRACTIVE)
    assert composition.answer == EXTRACTIVE.answer
    assert composition.composer == "extractive (fallback: 2 of 3 LLM sentences unsupported)"


def test_streaming_hands_on_only_checked_sentences() -> None:
    sent: list[str] = []
    composer = LLMComposer(_model(f"{SUPPORTED} {INVENTED} {ALSO_SUPPORTED}"))
    composition = composer(plan_query(QUESTION, QUESTION), hits(*CHUNKS), EXTRACTIVE, on_text=sent.append)
    assert "".join(sent) == f"{SUPPORTED}\n{ALSO_SUPPORTED}"
    assert composition.composer == "llm (1 unsupported sentence removed)"
