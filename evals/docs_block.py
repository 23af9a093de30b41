"""Generated blocks of a Markdown file: text between two HTML comment markers, rewritten by a command."""

from __future__ import annotations

import re
from pathlib import Path


def replace_block(path: Path, start: str, end: str, body: str) -> None:
    """Put body between the markers (appending the block if the file has none), leaving the prose alone."""
    block = f"{start}\n{body}\n{end}"
    text = path.read_text("utf-8") if path.exists() else "# Evaluation\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
