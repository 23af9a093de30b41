"""Dense search over a published catalog is exact: the same passages, in the same order, as scoring every stored
vector by hand, with and without a borough filter. Chroma's approximate index, asked with a filter that lets most
of the bundled corpus through, left out a passage ranked 10th by similarity from its top 200."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.embedding import Embedder
from assistant.query import plan_query
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.store import borough_filter, matches
from evals.schema import default_dataset


def test_a_where_filter_is_read_as_chroma_reads_it() -> None:
    record = {"b_brent": True, "b_ealing": False, "kind": "text"}
    assert matches({"b_brent": True}, record) and not matches({"b_ealing": True}, record)
    assert matches({"$or": [{"b_ealing": True}, {"b_brent": True}]}, record)
    assert not matches({"$and": [{"b_brent": True}, {"kind": "table_row"}]}, record)
    assert not matches({"b_harrow": True}, record)  # a key the record does not have


@pytest.mark.slow
def test_dense_search_ranks_as_scoring_every_vector_would(bundled_index: Settings, embedder: Embedder) -> None:
    store = Assistant(bundled_index, embedder).generation.retriever.store
    every = store.collection.get(include=["embeddings", "metadatas"])
    matrix = np.asarray(every["embeddings"], dtype=np.float32)
    questions = [json.loads(line)["question"] for line in default_dataset().read_text("utf-8").splitlines() if line]
    for question in questions:
        plan = plan_query(question, question)
        vector = embedder.embed_query(plan.dense_text)
        where = borough_filter(plan.hard_filter) if plan.hard_filter else None
        sims = matrix @ vector.astype(np.float32)
        allowed = [i for i, m in enumerate(every["metadatas"]) if where is None or matches(where, m)]
        expected = [every["ids"][i] for i in sorted(allowed, key=lambda i: -sims[i])[:60]]
        assert [h.chunk_id for h in store.query(vector, k=60, where=where)] == expected, question
