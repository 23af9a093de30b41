"""One-off conversion of a sentence-transformers folder into an ONNX file that onnxruntime can run.

Why: on 2 CPU cores, importing torch and sentence-transformers costs about 7 s per process, a
third of a cold ingest and most of a server's start-up. The converted model runs in onnxruntime
(already a Chroma dependency) without torch and gives the same vectors (cosine 0.99999 against
sentence-transformers; the evaluation figures are identical). The conversion itself needs torch,
so it runs once per model and is cached under a key over the source files.

sentence-transformers' own `backend="onnx"` would do this through optimum-onnx, but no optimum
release installs beside transformers 5, so the export is torch's own exporter.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import os
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ConfigError

log = logging.getLogger(__name__)

# Bump when the export recipe changes, so stale cached files are not reused.
EXPORT_VERSION = "1"
ONNX_OPSET = 17


@dataclass(frozen=True)
class ExportedModel:
    path: Path
    seconds: float  # 0.0 when the cached file was reused


def _source_key(model_dir: Path) -> str:
    """Changes whenever the weights, configuration or recipe change; cheap (no hashing of 90 MB of weights)."""
    digest = hashlib.sha256(f"{EXPORT_VERSION}:{ONNX_OPSET}".encode())
    for path in sorted(model_dir.rglob("*")):
        if path.is_file() and path.suffix in {".safetensors", ".bin", ".json", ".txt"}:
            stat = path.stat()
            digest.update(f"{path.relative_to(model_dir)}:{stat.st_size}".encode())
            if path.suffix in {".json", ".txt"}:
                digest.update(path.read_bytes())
            else:
                digest.update(str(stat.st_mtime_ns).encode())
    return digest.hexdigest()[:16]


def exported_path(model_dir: Path, cache_dir: Path) -> Path:
    return cache_dir / f"{model_dir.name}-{_source_key(model_dir)}.onnx"


def ensure_onnx_model(model_dir: Path, cache_dir: Path) -> ExportedModel:
    """Return the cached ONNX file, converting the model first if it is missing."""
    target = exported_path(model_dir, cache_dir)
    if target.is_file():
        return ExportedModel(target, 0.0)
    log.info("converting %s to ONNX (one-off) into %s", model_dir, cache_dir)
    started = time.perf_counter()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the model cache {cache_dir}: {exc.strerror}") from exc
    # Written beside the target and renamed, so a killed conversion never leaves a truncated model behind.
    fd, tmp_name = tempfile.mkstemp(dir=cache_dir, prefix=".", suffix=".onnx.tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _export(model_dir, tmp)
        tmp.chmod(0o644)
        os.replace(tmp, target)
    except ConfigError:
        raise
    except Exception as exc:  # the exporter raises many types; the user needs one clear message
        raise ConfigError(f"could not convert the embedding model in {model_dir} to ONNX: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return ExportedModel(target, time.perf_counter() - started)


def _export(model_dir: Path, out: Path) -> None:
    pooling = model_dir / "1_Pooling" / "config.json"
    if pooling.is_file() and not json.loads(pooling.read_text()).get("pooling_mode_mean_tokens", False):
        raise ConfigError(f"{model_dir}: the onnx backend supports mean pooling only; set NWL_EMBEDDING_BACKEND=torch")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    model = AutoModel.from_pretrained(str(model_dir)).eval()
    names = ["input_ids", "attention_mask"]
    if "token_type_ids" in inspect.signature(model.forward).parameters:
        names.append("token_type_ids")

    class _Encoder(torch.nn.Module):
        """Passes the inputs by name: transformers 5 models take several arguments by keyword only."""

        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            return self.model(**dict(zip(names, inputs, strict=True))).last_hidden_state

    sample = tuple(torch.ones(2, 8, dtype=torch.long) for _ in names)
    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]}
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # exporter notes about opset details, not actionable by a user
        torch.onnx.export(
            _Encoder(),
            sample,
            str(out),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=ONNX_OPSET,
            dynamo=False,
        )
