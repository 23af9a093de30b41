"""Optional LLM judge of faithfulness: is each answer line supported by the quotes it cites?

Off by default (the gate never depends on it). It uses the LangChain chat-model interface with the
product's OpenAI-compatible settings (NWL_LLM_BASE_URL, NWL_LLM_MODEL, NWL_LLM_API_KEY), so any
server that speaks that protocol can judge; tests pass a LangChain fake model instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.contract import CitationOut
from assistant.errors import ConfigError
from assistant.settings import Settings
from evals.metrics import answer_lines

_INSTRUCTIONS = (
    "You check answers for faithfulness. For each numbered answer line, decide whether everything it "
    "states is supported by the quotes it cites (markers like [2] refer to quote 2). A line with no "
    "citation is supported only if it merely says what the documents do or do not cover. Reply with a "
    "JSON list of true/false values, one per answer line, in order, and nothing else."
)
_JSON_LIST = re.compile(r"\[[^\[\]]*\]", re.DOTALL)


class FaithfulnessJudge:
    """Asks a chat model for a verdict per answer line; the score is the share judged supported."""

    def __init__(self, llm: BaseChatModel, model_name: str) -> None:
        self.llm = llm
        self.model_name = model_name

    def score(self, question: str, answer: str, citations: Sequence[CitationOut]) -> float | None:
        """Share of answer lines the model judges supported, or None if its reply cannot be read."""
        lines = answer_lines(answer)
        if not lines:
            return None
        quotes = "\n".join(f"[{c.n}] {c.quote}" for c in citations) or "(none)"
        numbered = "\n".join(f"{i}. {line}" for i, line in enumerate(lines, start=1))
        prompt = f"Question: {question}\n\nQuotes:\n{quotes}\n\nAnswer lines:\n{numbered}"
        try:
            reply = self.llm.invoke([SystemMessage(_INSTRUCTIONS), HumanMessage(prompt)])
        except Exception:  # an optional judge's outage must not sink a run; the item stays unjudged
            return None
        verdicts = parse_verdicts(str(reply.content), len(lines))
        return None if verdicts is None else sum(verdicts) / len(verdicts)


def parse_verdicts(text: str, expected: int) -> list[bool] | None:
    """The last JSON list of booleans in the reply, if it has one verdict per line."""
    for candidate in reversed(_JSON_LIST.findall(text)):
        try:
            values = json.loads(candidate)
        except ValueError:
            continue
        if len(values) == expected and all(isinstance(v, bool) for v in values):
            return values
    return None


def judge_from_settings(settings: Settings) -> FaithfulnessJudge:
    """A judge over the configured OpenAI-compatible endpoint; ConfigError when none is configured."""
    if not settings.llm_enabled:
        raise ConfigError(
            "--judge needs NWL_LLM_BASE_URL and NWL_LLM_MODEL (and NWL_LLM_API_KEY if the server wants one)"
        )
    from langchain_openai import ChatOpenAI

    llm = ChatOpenAI(
        base_url=settings.llm_base_url,
        model=settings.llm_model or "",
        api_key=settings.llm_api_key or "not-needed",  # type: ignore[arg-type]
        timeout=settings.llm_timeout_s,
        max_retries=1,
        temperature=0,
    )
    return FaithfulnessJudge(llm, settings.llm_model or "")
