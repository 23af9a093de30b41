"""BM25 keyword index (bm25s) over the same chunks as Chroma, saved beside it."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)


def _tokenizer() -> object:
    import bm25s
    import Stemmer

    return bm25s.tokenization.Tokenizer(lower=True, stopwords="en", stemmer=Stemmer.Stemmer("english"))


class KeywordIndex:
    """Scores every chunk for a query; rows line up with the chunk order it was built from."""

    def __init__(self, retriever: object, tokenizer: object, size: int) -> None:
        self._retriever = retriever
        self._tokenizer = tokenizer
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> KeywordIndex:
        import bm25s

        tokenizer = _tokenizer()
        ids = tokenizer.tokenize(texts, return_as="ids", show_progress=False)  # type: ignore[attr-defined]
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        retriever.index(
            bm25s.tokenization.Tokenized(ids=ids, vocab=tokenizer.get_vocab_dict()),  # type: ignore[attr-defined]
            show_progress=False,
        )
        return cls(retriever, tokenizer, len(texts))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._retriever.save(str(folder))  # type: ignore[attr-defined]
        self._tokenizer.save_vocab(str(folder))  # type: ignore[attr-defined]
        self._tokenizer.save_stopwords(str(folder))  # type: ignore[attr-defined]

    @classmethod
    def load(cls, folder: Path, size: int) -> KeywordIndex:
        import bm25s

        retriever = bm25s.BM25.load(str(folder))
        tokenizer = _tokenizer()
        tokenizer.load_vocab(str(folder))  # type: ignore[attr-defined]
        tokenizer.load_stopwords(str(folder))  # type: ignore[attr-defined]
        return cls(retriever, tokenizer, size)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk for the query (zeros when no query term is in the vocabulary)."""
        ids = self._tokenizer.tokenize(  # type: ignore[attr-defined]
            [query], update_vocab=False, return_as="ids", show_progress=False
        )[0]
        vocab_size = len(self._tokenizer.get_vocab_dict())  # type: ignore[attr-defined]
        known = [i for i in ids if 0 <= i < vocab_size]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(known), dtype=np.float32)  # type: ignore[attr-defined]
