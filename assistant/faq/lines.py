"""The wording every FAQ format shares (answer blocks, source, status and built lines), in one place.

The renderers (`render.py`, `html.py`, `word.py`) all import from here, so none imports another.
"""

from __future__ import annotations

from assistant.citations import dated
from assistant.faq.models import FaqCitation, FaqItem, FaqPack

NOT_COVERED = "Not covered by the documents"
NOT_COVERED_NOTE = (
    "The documents do not answer these questions. Do not answer them from memory: say the documents do not "
    "cover them, and refer them to the team."
)


def answer_blocks(answer: str) -> list[tuple[str, str]]:
    """The composer's answer as ('bullet' | 'text', line) pairs, so each format can lay bullets out its own way."""
    blocks = []
    for line in answer.splitlines():
        if not line.strip():
            continue
        if line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("text", line.strip()))
    return blocks


def source_line(citation: FaqCitation) -> str:
    """'Short title (date, p. N): “quote”' for one citation, without its number; full titles are listed at the end."""
    return f"{citation.source_label or citation.title} ({dated(citation)}): “{citation.quote}”"


def status_line(item: FaqItem) -> str:
    status = item.status or "not stated"
    reasons = f" ({'; '.join(item.confidence_reasons)})" if item.confidence_reasons else ""
    return f"Overall status: {status}. Confidence: {item.confidence}{reasons}."


def built_line(pack: FaqPack) -> str:
    return f"Built {pack.built_at:%d %B %Y} from the documents listed at the end. {pack.summary()}."
