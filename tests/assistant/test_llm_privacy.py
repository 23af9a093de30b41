"""What the optional LLM endpoint is sent: never the personal details a user pasted into a question."""

from __future__ import annotations

from typing import Any

from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import BaseMessage
from pydantic import Field

from assistant.compose import split_units
from assistant.llm_compose import LLMComposer
from assistant.query import plan_query
from assistant.records import Composition
from tests.assistant.handmade import PARAGRAPH_CHUNK, hits


class RecordingChat(FakeListChatModel):
    """LangChain's fake chat model, keeping the messages it was sent."""

    sent: list[list[BaseMessage]] = Field(default_factory=list)

    def _call(self, messages: list[BaseMessage], *args: Any, **kwargs: Any) -> str:
        self.sent.append(list(messages))
        return super()._call(messages, *args, **kwargs)


def test_llm_prompt_carries_the_question_without_patient_details() -> None:
    question = "Mrs Smith, NHS number 943 476 5919, phone 020 7946 0123: when do the team's hours change?"
    plan = plan_query(question, question)
    units = split_units(PARAGRAPH_CHUNK, 0)
    extractive = Composition("The team will work 8am to 8pm [1].", units[1:2], False, None, 1.0)
    model = RecordingChat(responses=["From 1st October 2025 the team will work 8am to 8pm [1]."])
    LLMComposer(model)(plan, hits(PARAGRAPH_CHUNK), extractive)
    prompt = "\n".join(str(m.content) for m in model.sent[0])
    assert "943 476 5919" not in prompt and "020 7946 0123" not in prompt
    assert "[NHS number]" in prompt and "when do the team's hours change?" in prompt
