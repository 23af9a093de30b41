"""The comparison chart: one bar per system for each headline metric, as a base64 PNG for the HTML."""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Mapping, Sequence

from matplotlib.figure import Figure

from evals.baselines import SYSTEM_LABELS
from evals.scoring import Metrics

# Higher is better for every charted metric, so bars read the same way.
CHART_METRICS: tuple[tuple[str, str], ...] = (
    ("hit@5", "hit@5"),
    ("mrr", "MRR"),
    ("multi_source_recall", "multi-source\nrecall"),
    ("fact_recall", "fact recall"),
    ("abstention", "abstention"),
    ("citation_precision", "citation\nprecision"),
)


def comparison_png(panels: Mapping[str, Mapping[str, Metrics]], systems: Sequence[str]) -> bytes:
    """panels: title -> metrics[system]; a missing (n/a) value draws no bar."""
    fig = Figure(figsize=(10, 3.4 * len(panels)), dpi=100, layout="constrained")
    axes = fig.subplots(len(panels), 1, squeeze=False)[:, 0]
    width = 0.8 / max(len(systems), 1)
    for ax, (title, metrics) in zip(axes, panels.items(), strict=True):
        for i, system in enumerate(systems):
            values = [_value(metrics.get(system, {}), key) for key, _ in CHART_METRICS]
            xs = [x + (i - (len(systems) - 1) / 2) * width for x in range(len(CHART_METRICS))]
            bars = ax.bar(xs, values, width, label=SYSTEM_LABELS.get(system, system))
            ax.bar_label(bars, labels=[_label(v) for v in values], fontsize=7, padding=1)
        ax.set_xticks(range(len(CHART_METRICS)), [label for _, label in CHART_METRICS], fontsize=9)
        ax.set_ylim(0, 1.12)
        ax.set_title(title, fontsize=11)
        ax.grid(axis="y", alpha=0.3)
        ax.set_axisbelow(True)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside upper center", fontsize=9, ncols=len(systems), frameon=False)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def comparison_data_uri(panels: Mapping[str, Mapping[str, Metrics]], systems: Sequence[str]) -> str:
    return "data:image/png;base64," + base64.b64encode(comparison_png(panels, systems)).decode("ascii")


def _value(metrics: Metrics, key: str) -> float:
    value = metrics.get(key)
    return float(value) if value is not None else math.nan


def _label(value: float) -> str:
    return "" if math.isnan(value) else f"{value:.2f}"
