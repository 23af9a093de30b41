"""`eval --gate`: fail the build when a product metric falls below (or above) its threshold in gate.toml."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ConfigError
from evals.schema import SPLITS
from evals.scoring import Metrics, aggregate


def default_gate_path() -> Path:
    """The committed thresholds, next to this module (see schema.default_dataset for why not resources)."""
    return Path(__file__).resolve().parent / "gate.toml"


@dataclass(frozen=True)
class Gate:
    """Thresholds for one system on one split: `minimum` for higher-is-better metrics, `maximum` for the rest."""

    system: str
    split: str
    minimum: Mapping[str, float]
    maximum: Mapping[str, float]


def load_gate(path: Path) -> Gate:
    """Parse gate.toml; ConfigError names the file and what is wrong with it."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"gate config {path}: {exc}") from exc
    known = set(aggregate([]))
    system, split = data.get("system"), data.get("split", "all")
    if not isinstance(system, str) or split not in SPLITS:
        raise ConfigError(f'gate config {path}: needs system = "<name>" and split = one of {", ".join(SPLITS)}')
    bounds: dict[str, dict[str, float]] = {}
    for section in ("min", "max"):
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise ConfigError(f"gate config {path}: [{section}] must be a table of metric = number")
        for metric, value in table.items():
            if metric not in known:
                raise ConfigError(f"gate config {path}: unknown metric {metric!r} in [{section}]")
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ConfigError(f"gate config {path}: {section}.{metric} must be a number")
        bounds[section] = {k: float(v) for k, v in table.items()}
    if not bounds["min"] and not bounds["max"]:
        raise ConfigError(f"gate config {path}: no thresholds in [min] or [max]")
    return Gate(system, split, bounds["min"], bounds["max"])


def check_gate(gate: Gate, metrics: Mapping[str, Mapping[str, Metrics]]) -> list[str]:
    """One message per threshold not met, naming the metric; empty when the gate passes.

    metrics is metrics[system][split] as in results.json. A missing system or split is a failure,
    so a gate can never pass by not measuring.
    """
    where = f"{gate.system}, split {gate.split}"
    if gate.system not in metrics:
        return [f"the gate measures system {gate.system!r}, which this run did not evaluate"]
    if gate.split not in metrics[gate.system]:
        return [f"the gate measures split {gate.split!r}, which this run did not evaluate"]
    values = metrics[gate.system][gate.split]
    failures = []
    for bounds, higher in ((gate.minimum, True), (gate.maximum, False)):
        for metric, bound in bounds.items():
            value = values.get(metric)
            if value is None:
                failures.append(f"{metric} is n/a ({where}); the gate needs a value")
            elif (value < bound) if higher else (value > bound):
                sign = "<" if higher else ">"
                word = "minimum" if higher else "maximum"
                failures.append(f"{metric} = {value:.4g} {sign} {word} {bound:.4g} ({where})")
    return failures
