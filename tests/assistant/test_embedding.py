"""The onnxruntime embedder must be a drop-in for sentence-transformers: same vectors, same token counts."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.embedding import (
    BUNDLED_MODEL,
    Embedder,
    OnnxEmbedder,
    SentenceTransformerEmbedder,
    _model_path,
    conversion_pending,
)
from assistant.errors import ConfigError
from assistant.onnx_export import ensure_onnx_model, exported_path
from assistant.service import Assistant
from assistant.settings import EmbeddingBackend, Settings
from assistant.snapshot import load_snapshot


@pytest.fixture(scope="module")
def torch_embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder()


def _sample_texts(settings: Settings, embedder: Embedder) -> list[str]:
    """Real chunk texts of every length band, including ones past 128 word pieces (the tokenizer file's own cap)."""
    snapshot = load_snapshot(settings.data_dir, with_keyword=False)
    assert snapshot is not None
    texts = sorted({c.embed_text for c in snapshot.chunks}, key=embedder.count_tokens)
    picks = texts[:: max(1, len(texts) // 40)] + texts[-5:]
    assert embedder.count_tokens(picks[-1]) > 200
    return picks


def test_onnx_vectors_match_sentence_transformers(
    bundled_index: Settings, embedder: Embedder, torch_embedder: SentenceTransformerEmbedder
) -> None:
    assert isinstance(embedder, OnnxEmbedder)
    texts = _sample_texts(bundled_index, embedder)
    ours = embedder.embed_documents(texts)
    reference = torch_embedder.embed_documents(texts)
    cosine = (ours * reference).sum(axis=1)
    assert cosine.min() > 0.9999, cosine.min()
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    query = "when do the new palliative care contracts start?"
    assert float(embedder.embed_query(query) @ torch_embedder.embed_query(query)) > 0.9999


def test_token_counts_match_sentence_transformers(
    bundled_index: Settings, embedder: Embedder, torch_embedder: SentenceTransformerEmbedder
) -> None:
    texts = _sample_texts(bundled_index, embedder)
    assert [embedder.count_tokens(t) for t in texts] == [torch_embedder.count_tokens(t) for t in texts]
    assert embedder.max_tokens == torch_embedder.max_tokens == 256


def test_text_beyond_128_word_pieces_still_counts(embedder: Embedder) -> None:
    """The bundled tokenizer.json truncates at 128; the model reads 256, so a late change must move the vector."""
    base = " ".join(["community palliative care services across the boroughs"] * 22)
    assert 150 < embedder.count_tokens(base) < 250
    moved = embedder.embed_documents([base + " hospice", base + " pharmacy"])
    assert float(moved[0] @ moved[1]) < 0.99999


def test_conversion_is_cached_and_keyed_on_the_model_files(tmp_path: Path, model_cache: Path) -> None:
    source = _model_path(BUNDLED_MODEL)
    first = ensure_onnx_model(source, model_cache)  # the session's embedder has already converted it
    assert first.seconds == 0.0 and first.path == exported_path(source, model_cache)
    assert not conversion_pending(Settings(model_cache_dir=model_cache))
    assert conversion_pending(Settings(model_cache_dir=tmp_path / "empty"))
    torch_backend = Settings(model_cache_dir=tmp_path / "empty", embedding_backend=EmbeddingBackend.torch)
    assert not conversion_pending(torch_backend)
    changed = shutil.copytree(source, tmp_path / "model")
    (changed / "sentence_bert_config.json").write_text('{"max_seq_length": 128, "do_lower_case": false}')
    assert exported_path(changed, model_cache) != first.path


def test_a_model_that_cannot_convert_fails_clearly_and_leaves_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "config.json").write_text('{"model_type": "no-such-architecture"}')
    cache = tmp_path / "cache"
    with pytest.raises(ConfigError, match="could not convert the embedding model"):
        OnnxEmbedder(str(broken), cache_dir=cache)
    assert list(cache.iterdir()) == []


def test_an_index_built_with_another_model_is_refused(bundled_index: Settings, embedder: Embedder) -> None:
    other = bundled_index.model_copy(update={"embedding_model": "/models/some-other-model"})
    with pytest.raises(ConfigError, match="run `nwl-assistant ingest`"):
        Assistant(other, embedder)
