"""Term statistics over the catalog: which words are rare, and how much of a question a text covers."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from assistant.query import synonym_present
from assistant.records import Chunk
from assistant.text import terms


class Lexicon:
    """IDF weights and each chunk's term set, computed once per catalog."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.chunk_terms: dict[str, frozenset[str]] = {c.chunk_id: frozenset(terms(c.embed_text)) for c in chunks}
        df: dict[str, int] = {}
        for found in self.chunk_terms.values():
            for term in found:
                df[term] = df.get(term, 0) + 1
        n = max(len(chunks), 1)
        self.idf = {t: math.log(1 + n / d) for t, d in df.items()}
        # A word the catalog never uses is as informative as the rarest word it does use.
        self.unknown_weight = math.log(1 + n)

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.unknown_weight)

    def coverage(self, wanted: Sequence[str], found: Iterable[str]) -> float:
        """IDF-weighted share of the wanted terms present in `found` (directly or by a synonym)."""
        if not wanted:
            return 0.0
        found_set = set(found)
        total = sum(self.weight(t) for t in wanted)
        hit = sum(self.weight(t) for t in wanted if t in found_set or synonym_present(t, found_set))
        return hit / total
