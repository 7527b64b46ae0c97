"""Reference statistics of the training population, against which the app measures drift (PSI)."""
from __future__ import annotations

import numpy as np


def feature_bins(values: np.ndarray, bins: int = 10) -> dict:
    """Quantile bin edges of one feature and the share of training rows in each bin (and missing).

    Bins are (-inf, e1), [e1, e2), ..., [ek, +inf) over the unique inner quantiles, so a discrete
    feature gets as many bins as it has distinct cut points. Shares add up to 1 with `missing`.
    """
    values = np.asarray(values, dtype=float)
    present = values[~np.isnan(values)]
    missing = float(np.mean(np.isnan(values))) if len(values) else 0.0
    if len(present) == 0:
        return {"edges": [], "shares": [], "missing": missing}
    edges = np.unique(np.quantile(present, np.linspace(0, 1, bins + 1)[1:-1], method="lower"))
    edges = edges[edges > present.min()]  # an edge at the minimum would leave an empty first bin
    counts = np.bincount(np.searchsorted(edges, present, side="right"), minlength=len(edges) + 1)
    return {"edges": [float(e) for e in edges], "shares": [float(c) / len(values) for c in counts], "missing": missing}


def score_histogram(probabilities: np.ndarray, bins: int = 20) -> dict:
    """Share of clients per equal-width probability bin on [0, 1]."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    counts, _ = np.histogram(np.clip(probabilities, 0.0, 1.0), bins=edges)
    return {"edges": [float(e) for e in edges], "shares": [float(c) / len(probabilities) for c in counts]}


def reference_statistics(x: np.ndarray, names: list[str], probabilities: np.ndarray) -> dict:
    """Per-feature bins and the score histogram."""
    return {
        "features": {name: feature_bins(x[:, i]) for i, name in enumerate(names)},
        "score": score_histogram(probabilities),
        "rows": int(x.shape[0]),
    }
