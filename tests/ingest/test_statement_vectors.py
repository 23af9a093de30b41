"""Change statements are embedded once per ingest run, however often filing and settling ask for them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ingest.statement_vectors import StatementVectors


class _CountingModel:
    """Stands in for the embedding model: a vector per text from its length, and a record of what it was asked."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.asked.append(list(texts))
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32).reshape(len(texts), 2)


def test_each_statement_is_embedded_once_and_answers_keep_the_callers_order() -> None:
    model = _CountingModel()
    vectors = StatementVectors(model)
    first = vectors(["Expand hospice at home", "Open a hub", "Expand hospice at home"])
    second = vectors(["Open a hub", "Extend advice line hours"])
    assert model.asked == [["Expand hospice at home", "Open a hub"], ["Extend advice line hours"]]
    assert first[:, 0].tolist() == [22, 10, 22] and second[:, 0].tolist() == [10, 24]


def test_nothing_asked_gives_an_empty_batch_of_the_models_shape() -> None:
    model = _CountingModel()
    assert StatementVectors(model)([]).shape == (0, 2)
