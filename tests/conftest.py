"""Shared fixtures: the real embedding model and real Chroma stores built from named corpora."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.embedding import Embedder, make_embedder
from assistant.settings import BUNDLED_CORPUS, Settings
from ingest.pipeline import Ingestor

SMALL_CORPUS_FILES = ("000_aa87430d678cc82c.txt", "001_e428300c06631fe6.txt")


@pytest.fixture(scope="session", autouse=True)
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Converted models go to a per-session folder: every run converts for real, and never writes to ~/.cache."""
    cache = tmp_path_factory.mktemp("models")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NWL_MODEL_CACHE_DIR", str(cache))
        yield cache


@pytest.fixture(scope="session")
def embedder(model_cache: Path) -> Embedder:
    """The product's default embedder (onnxruntime), built from settings as every entry point does."""
    return make_embedder(Settings())


def copy_corpus(target: Path, files: tuple[str, ...] | None = None) -> Path:
    """A writable copy of the bundled corpus (optionally only some files), manifest included."""
    target.mkdir(parents=True, exist_ok=True)
    for path in BUNDLED_CORPUS.iterdir():
        if files is None or path.name in files or path.name == "manifest.yaml":
            shutil.copy(path, target / path.name)
    return target


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """The two palliative-care documents: small enough to ingest many times in one test."""
    return copy_corpus(tmp_path / "corpus", SMALL_CORPUS_FILES)


@pytest.fixture
def small_settings(tmp_path: Path, small_corpus: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dir=small_corpus)


@pytest.fixture(scope="session")
def bundled_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("bundled") / "data")


@pytest.fixture(scope="session")
def bundled_index(bundled_settings: Settings, embedder: Embedder) -> Iterator[Settings]:
    """The whole bundled corpus ingested once per test session into an embedded Chroma."""
    report = Ingestor(bundled_settings, lambda: embedder).run()
    assert not report.skipped
    yield bundled_settings


@pytest.fixture(scope="session")
def pdf_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """PDFs as staff would drop them in a folder, with no manifest: a decision summary, a typeset
    borough summary of the bundled corpus, and a scan without a text layer."""
    from tests.ingest import pdf_factory

    folder = tmp_path_factory.mktemp("pdfs")
    pdf_factory.decision_summary(folder / "decision-summary.pdf")
    pdf_factory.typeset(folder / "hf-summary.pdf", (BUNDLED_CORPUS / SMALL_CORPUS_FILES[0]).read_text("utf-8"))
    pdf_factory.scanned(folder / "scan.pdf")
    return folder


@pytest.fixture(scope="session")
def pdf_index(tmp_path_factory: pytest.TempPathFactory, pdf_folder: Path, model_cache: Path) -> tuple[Settings, str]:
    """`nwl-assistant ingest FOLDER` of the PDF folder into its own data dir: the settings and what it printed."""
    from typer.testing import CliRunner

    from assistant.cli import build_app

    app = build_app()

    data_dir = tmp_path_factory.mktemp("pdf-index") / "data"
    result = CliRunner().invoke(app, ["ingest", str(pdf_folder), "--data-dir", str(data_dir)])
    assert result.exit_code == 1, result.output  # the scan is skipped, so the run reports a failure
    return Settings(data_dir=data_dir), result.output
