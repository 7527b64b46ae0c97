"""The model card: what a risk officer, an auditor or IT needs to know about one model version, in markdown."""
from __future__ import annotations


def _pct(v: float) -> str:
    return f"{100 * v:.1f} %"


def model_card(meta: dict, report: dict) -> str:
    m = report["metrics_at_threshold"]
    half = report["metrics_at_0_5"]
    cost = report["cost"]
    training = meta["training"]
    cm = m["confusion_matrix"]
    lines = [
        f"# Model card — {meta['model_version']}",
        "",
        f"Created {meta['created_at']} by Octroi's training pipeline (`npm run train`). "
        "Probability of default of a consumer-credit applicant, for loan officers' decisions with a human in the loop.",
        "",
        "## Intended use",
        "Decision support for loan officers of Prêt à dépenser: the officer sees the probability, the decision the "
        "policy gives and its reasons, and records the final decision. Not for fully automated refusal (GDPR art. 22); "
        "credit scoring is a high-risk use under the EU AI Act (Annex III 5(b)).",
        "",
        "## Training data",
        f"- Source: {training['source']}",
        f"- Clients with a known outcome: {training['rows']:,}; default rate {_pct(training['default_rate'])}",
        f"- Features: {len(meta['features'])} (feature set {meta['feature_set_version']}), computed by the app's own feature code",
        "",
        "## Inputs excluded on purpose",
        "Every application column was reviewed against the grounds of Code pénal art. 225-1 and of the EU Charter's "
        "art. 21 (origin, sex, family situation, pregnancy, physical appearance, place of residence, health, disability, "
        "age, …). Excluded columns are still stored where the app asks for them, so that fairness can be monitored.",
        "",
        "| column | why |",
        "|---|---|",
        *[f"| {e['column']} | {e['reason']} |" for e in meta.get("excluded_inputs", [])],
        *([
            "",
            "## Inputs kept after that review, and why they are lawful",
            "| columns | why |",
            "|---|---|",
            *[f"| {e['column']} | {e['note']} |" for e in meta["sensitive_inputs"]],
        ] if meta.get("sensitive_inputs") else []),
        "",
        "## Method",
        f"- XGBoost {training['xgboost_version']} gradient-boosted trees, class imbalance handled by "
        f"scale_pos_weight = {report['search']['scale_pos_weight']:.2f}",
        f"- Hyper-parameter search: {report['search']['trials']} optuna trials, {report['search']['folds']}-fold "
        f"stratified CV on {report['search']['rows']:,} rows (best CV AUC {report['search']['cv_auc']:.4f}); "
        f"{report['search']['rounds']} trees",
        f"- Parameters: " + ", ".join(f"{k} = {v:.4g}" if isinstance(v, float) else f"{k} = {v}"
                                      for k, v in report["search"]["params"].items()),
        f"- Evaluation: stratified {report['folds']}-fold cross-validation, out-of-fold predictions",
        f"- Calibration: Platt scaling of the margin (a = {meta['calibration']['a']:.4f}, b = {meta['calibration']['b']:.4f}), "
        "folded into the exported trees",
        "",
        "## Decision policy",
        f"- A missed default costs {cost['fn']:g}, a refused good client costs {cost['fp']:g}.",
        f"- Threshold minimising the expected cost on out-of-fold predictions: **{meta['threshold']:.3f}** "
        "(refuse when the probability of default ≥ threshold).",
        f"- Cost per client at this threshold: {report['cost_at_threshold']:.4f}; at 0.5: {report['cost_at_0_5']:.4f}.",
        f"- Approval rate at this threshold: {_pct(m['approval_rate'])} (at 0.5: {_pct(half['approval_rate'])}).",
        "",
        "## Performance (out-of-fold, calibrated probabilities)",
        "| metric | value |",
        "|---|---|",
        f"| ROC AUC | {m['auc']:.4f} |",
        f"| PR AUC | {m['pr_auc']:.4f} |",
        f"| KS | {m['ks']:.4f} |",
        f"| Brier score | {m['brier']:.4f} |",
        f"| Expected calibration error | {m['calibration_error']:.4f} |",
        f"| Mean probability vs default rate | {_pct(m['mean_probability'])} vs {_pct(m['default_rate'])} |",
        "",
        f"Confusion matrix at {meta['threshold']:.3f}: {cm['tp']:,} defaults refused, {cm['fn']:,} defaults granted, "
        f"{cm['fp']:,} good clients refused, {cm['tn']:,} good clients granted.",
        "",
        "Plots: `roc.png`, `precision-recall.png`, `cost-threshold.png`, `calibration.png`; all numbers in `report.json`.",
    ]
    if report.get("real_data_check"):
        lines += ["", "## Real-data check", *[f"- {line}" for line in report["real_data_check"]]]
    lines += [
        "",
        "## Monitoring",
        "The model file carries reference statistics (per-feature quantile bins with their shares, score histogram) "
        "against which the app measures drift (PSI).",
        "",
        "## Limitations",
        "- Trained on the data above; a population unlike it (other products, other countries) needs a new model.",
        "- Probabilities are calibrated on out-of-fold predictions of the same data set.",
    ]
    return "\n".join(lines) + "\n"
