"""`eval --gate`: fail the build when a product metric falls below (or above) its threshold in gate.toml.

The top-level `[min]`/`[max]` hold over the item types listed in `types` (every item when absent); any
other table with its own `types`, `min` and `max` is a further set of thresholds over those item types.
So thresholds set on one population keep their meaning when items of new types join the gold set.
The `[changes]` table is different: its `[changes.min]` / `[changes.max]` hold over the change evaluation
(evals/change_run.py, metrics such as change_recall and noise_share), which a gated run must include.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import ConfigError
from evals.change_run import CHANGE_METRICS, ChangeMetrics
from evals.schema import SPLITS, ItemType
from evals.scoring import Metrics, aggregate

if TYPE_CHECKING:
    from evals.change_run import ChangeRun
    from evals.runner import EvalRun

_TOP_LEVEL = frozenset({"system", "split", "types", "min", "max"})
CHANGES = "changes"


@dataclass(frozen=True)
class ChangeThresholds:
    """Bounds on the change evaluation's metrics: `minimum` for higher-is-better ones, `maximum` for the rest."""

    minimum: Mapping[str, float]
    maximum: Mapping[str, float]

    def __len__(self) -> int:
        return len(self.minimum) + len(self.maximum)


def default_gate_path() -> Path:
    """The committed thresholds, next to this module (see schema.default_dataset for why not resources)."""
    return Path(__file__).resolve().parent / "gate.toml"


@dataclass(frozen=True)
class Gate:
    """Thresholds for one system on one split: `minimum` for higher-is-better metrics, `maximum` for the rest.

    They hold over the items of `types` (None: every item); `also` holds further named threshold sets.
    """

    system: str
    split: str
    minimum: Mapping[str, float]
    maximum: Mapping[str, float]
    types: frozenset[str] | None = None
    name: str = ""
    also: tuple[Gate, ...] = ()
    changes: ChangeThresholds | None = None

    def count(self) -> int:
        """How many thresholds the gate checks in all."""
        sets = (self, *self.also)
        return sum(len(g.minimum) + len(g.maximum) for g in sets) + (len(self.changes) if self.changes else 0)


def load_gate(path: Path) -> Gate:
    """Parse gate.toml; ConfigError names the file and what is wrong with it."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"gate config {path}: {exc}") from exc
    system, split = data.get("system"), data.get("split", "all")
    if not isinstance(system, str) or split not in SPLITS:
        raise ConfigError(f'gate config {path}: needs system = "<name>" and split = one of {", ".join(SPLITS)}')
    also = tuple(
        _thresholds(path, table, system, split, name)
        for name, table in data.items()
        if name not in _TOP_LEVEL | {CHANGES} and isinstance(table, dict)
    )
    changes = _change_thresholds(path, data[CHANGES]) if CHANGES in data else None
    gate = _thresholds(path, data, system, split, "")
    if not any(g.minimum or g.maximum for g in (gate, *also)) and not changes:
        raise ConfigError(f"gate config {path}: no thresholds in [min] or [max]")
    return Gate(gate.system, gate.split, gate.minimum, gate.maximum, gate.types, also=also, changes=changes)


def _change_thresholds(path: Path, data: Any) -> ChangeThresholds:
    """The [changes] table: only `min` and `max`, of the change evaluation's metrics."""
    if not isinstance(data, dict) or set(data) - {"min", "max"}:
        raise ConfigError(f"gate config {path}: [{CHANGES}] holds only [{CHANGES}.min] and [{CHANGES}.max]")
    bounds = _bounds(path, data, set(CHANGE_METRICS), f"{CHANGES}.")
    return ChangeThresholds(bounds["min"], bounds["max"])


def _thresholds(path: Path, data: dict[str, Any], system: str, split: str, name: str) -> Gate:
    """One set of thresholds: `types`, `min` and `max` of a table (the file's top level when name is '')."""
    where = f"{name}." if name else ""
    types = data.get("types")
    if types is not None:
        if not isinstance(types, list) or not types or any(t not in set(ItemType) for t in types):
            raise ConfigError(f"gate config {path}: {where}types must be a list of item types")
        types = frozenset(types)
    bounds = _bounds(path, data, set(aggregate([])), where)
    return Gate(system, split, bounds["min"], bounds["max"], types, name)


def _bounds(path: Path, data: dict[str, Any], known: set[str], where: str) -> dict[str, dict[str, float]]:
    """The `min` and `max` tables of data: each a table of known metric = number."""
    bounds: dict[str, dict[str, float]] = {}
    for section in ("min", "max"):
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise ConfigError(f"gate config {path}: [{where}{section}] must be a table of metric = number")
        for metric, value in table.items():
            if metric not in known:
                raise ConfigError(f"gate config {path}: unknown metric {metric!r} in [{where}{section}]")
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ConfigError(f"gate config {path}: {where}{section}.{metric} must be a number")
        bounds[section] = {k: float(v) for k, v in table.items()}
    return bounds


def check_run(gate: Gate, run: EvalRun) -> list[str]:
    """check_gate for the gate and each further threshold set, each over the item types it names; then
    the change thresholds over the run's change evaluation."""
    failures = [
        failure
        for part in (gate, *gate.also)
        for failure in check_gate(part, run.metrics(part.types) if part.types is not None else run.metrics())
    ]
    return failures + check_change_run(gate, run.changes)


def check_change_run(gate: Gate, changes: ChangeRun | None) -> list[str]:
    """The [changes] thresholds over a change evaluation; a gate with them fails a run that has none."""
    if gate.changes is None:
        return []
    if changes is None:
        return ["the gate measures the change evaluation, which this run did not include"]
    return check_changes(gate.changes, changes.metrics())


def check_changes(thresholds: ChangeThresholds, metrics: ChangeMetrics) -> list[str]:
    """One message per change threshold not met, naming the metric; n/a is a failure."""
    return _failures(thresholds.minimum, thresholds.maximum, metrics, "change evaluation")


def check_gate(gate: Gate, metrics: Mapping[str, Mapping[str, Metrics]]) -> list[str]:
    """One message per threshold not met, naming the metric; empty when the gate passes.

    metrics is metrics[system][split] as in results.json. A missing system or split is a failure,
    so a gate can never pass by not measuring.
    """
    where = f"{gate.system}, split {gate.split}" + (f", {gate.name} items" if gate.name else "")
    if gate.system not in metrics:
        return [f"the gate measures system {gate.system!r}, which this run did not evaluate"]
    if gate.split not in metrics[gate.system]:
        return [f"the gate measures split {gate.split!r}, which this run did not evaluate"]
    return _failures(gate.minimum, gate.maximum, metrics[gate.system][gate.split], where)


def _failures(
    minimum: Mapping[str, float], maximum: Mapping[str, float], values: Mapping[str, float | int | None], where: str
) -> list[str]:
    failures = []
    for bounds, higher in ((minimum, True), (maximum, False)):
        for metric, bound in bounds.items():
            value = values.get(metric)
            if value is None:
                failures.append(f"{metric} is n/a ({where}); the gate needs a value")
            elif (value < bound) if higher else (value > bound):
                sign = "<" if higher else ">"
                word = "minimum" if higher else "maximum"
                failures.append(f"{metric} = {value:.4g} {sign} {word} {bound:.4g} ({where})")
    return failures
