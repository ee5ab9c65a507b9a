"""The figure record every benchmark module returns, and timing helpers."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Figure:
    """One measured figure, optionally with a baseline (another figure's name) and a target.

    ``target_max`` is an absolute bound in the figure's unit; ``ratio_max`` a bound on
    value / baseline.
    """

    name: str
    value: float
    unit: str
    baseline: str | None = None
    target_max: float | None = None
    ratio_max: float | None = None
    note: str = ""

    def verdict(self, base: Figure | None) -> bool | None:
        checks = []
        if self.target_max is not None:
            checks.append(self.value <= self.target_max)
        if self.ratio_max is not None and base is not None and base.value:
            checks.append(self.value / base.value <= self.ratio_max)
        return all(checks) if checks else None

    def target_text(self) -> str:
        parts = []
        if self.target_max is not None:
            parts.append(f"<= {self.target_max:g} {self.unit}")
        if self.ratio_max is not None:
            parts.append(f"<= {self.ratio_max:g}x baseline")
        return ", ".join(parts)


def median_ms(action: Callable[[], object], repeat: int, warmup: int = 2) -> float:
    """Run ``action`` ``repeat`` times after a warm-up; return the median in milliseconds."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)
