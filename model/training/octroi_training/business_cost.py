"""The business cost of a decision policy and the threshold that minimises it.

A client is refused when the predicted probability of default is >= threshold. A missed default (a
defaulter who is granted: false negative) costs `cost_fn`; a good client refused (false positive)
costs `cost_fp`. The cost is given per client so that numbers are comparable across data sets.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class CostPoint:
    threshold: float
    cost_per_client: float
    false_negatives: int
    false_positives: int
    approval_rate: float


def cost_at(y: np.ndarray, p: np.ndarray, threshold: float, cost_fn: float, cost_fp: float) -> CostPoint:
    """Business cost per client when refusing every client with p >= threshold."""
    y = np.asarray(y, dtype=int)
    refused = np.asarray(p) >= threshold
    fn = int(np.sum((y == 1) & ~refused))
    fp = int(np.sum((y == 0) & refused))
    return CostPoint(float(threshold), (cost_fn * fn + cost_fp * fp) / len(y), fn, fp, float(np.mean(~refused)))


def cost_curve(y: np.ndarray, p: np.ndarray, cost_fn: float, cost_fp: float, grid: np.ndarray | None = None) -> list[CostPoint]:
    """The cost at every threshold of `grid` (default: 0.000, 0.001, ..., 1.000)."""
    if grid is None:
        grid = np.round(np.linspace(0.0, 1.0, 1001), 3)
    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=float)
    # Sort once, then count with searchsorted: O(n log n + g log n) instead of O(n g).
    pos = np.sort(p[y == 1])
    neg = np.sort(p[y == 0])
    n = len(y)
    points = []
    for t in grid:
        fn = int(np.searchsorted(pos, t, side="left"))  # defaulters with p < t are granted
        fp = int(len(neg) - np.searchsorted(neg, t, side="left"))  # good clients with p >= t are refused
        granted = fn + int(np.searchsorted(neg, t, side="left"))
        points.append(CostPoint(float(t), (cost_fn * fn + cost_fp * fp) / n, fn, fp, granted / n))
    return points


def best_threshold(y: np.ndarray, p: np.ndarray, cost_fn: float, cost_fp: float) -> CostPoint:
    """The threshold of the grid with the lowest cost; ties go to the highest threshold (more approvals)."""
    curve = cost_curve(y, p, cost_fn, cost_fp)
    lowest = min(c.cost_per_client for c in curve)
    return max((c for c in curve if c.cost_per_client <= lowest + 1e-12), key=lambda c: c.threshold)
