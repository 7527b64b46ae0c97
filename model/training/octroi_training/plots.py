"""The evaluation report's plots (PNG): ROC, precision-recall, business cost, calibration."""
from __future__ import annotations

import os

import matplotlib

matplotlib.use("Agg")  # no display on build machines
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.metrics import precision_recall_curve, roc_curve  # noqa: E402

from .business_cost import CostPoint  # noqa: E402

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
BLUE, ORANGE, GREEN, GREY = "#0072B2", "#E69F00", "#009E73", "#999999"


def _save(fig, out_dir: str, name: str) -> str:
    path = os.path.join(out_dir, name)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return name


def write_plots(out_dir: str, y: np.ndarray, p: np.ndarray, curve: list[CostPoint], chosen: CostPoint,
                calibration: list[dict], auc: float, pr_auc: float) -> dict[str, str]:
    """Writes the four PNGs into out_dir and returns their file names by kind."""
    files = {}
    fpr, tpr, _ = roc_curve(y, p)
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot(fpr, tpr, color=BLUE, label=f"model (AUC {auc:.3f})")
    ax.plot([0, 1], [0, 1], color=GREY, linestyle="--", label="chance")
    ax.set(xlabel="False positive rate (good clients refused)", ylabel="True positive rate (defaults caught)",
           title="ROC curve (out-of-fold)")
    ax.legend(loc="lower right")
    files["roc"] = _save(fig, out_dir, "roc.png")

    precision, recall, _ = precision_recall_curve(y, p)
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot(recall, precision, color=BLUE, label=f"model (PR-AUC {pr_auc:.3f})")
    ax.axhline(float(np.mean(y)), color=GREY, linestyle="--", label=f"default rate {np.mean(y):.1%}")
    ax.set(xlabel="Recall (defaults caught)", ylabel="Precision (refused who would default)",
           title="Precision-recall (out-of-fold)")
    ax.legend(loc="upper right")
    files["precision_recall"] = _save(fig, out_dir, "precision-recall.png")

    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot([c.threshold for c in curve], [c.cost_per_client for c in curve], color=BLUE, label="cost per client")
    ax.axvline(chosen.threshold, color=ORANGE, label=f"chosen threshold {chosen.threshold:.3f}")
    ax.axvline(0.5, color=GREY, linestyle="--", label="0.5")
    ax.set(xlabel="Threshold (refuse when probability ≥ threshold)", ylabel="Expected cost per client",
           title="Business cost by threshold")
    ax.legend()
    files["cost"] = _save(fig, out_dir, "cost-threshold.png")

    fig, ax = plt.subplots(figsize=(5, 5))
    top = max(max(b["predicted"] for b in calibration), max(b["observed"] for b in calibration)) * 1.1
    ax.plot([0, top], [0, top], color=GREY, linestyle="--", label="perfect calibration")
    ax.plot([b["predicted"] for b in calibration], [b["observed"] for b in calibration], marker="o", color=GREEN,
            label="model (deciles)")
    ax.set(xlabel="Mean predicted probability", ylabel="Observed default rate", title="Calibration (out-of-fold)")
    ax.legend(loc="upper left")
    files["calibration"] = _save(fig, out_dir, "calibration.png")
    return files
