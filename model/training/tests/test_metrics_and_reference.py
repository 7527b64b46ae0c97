import numpy as np
import pytest

from octroi_training.metrics import classification_metrics, expected_calibration_error, ks_statistic
from octroi_training.reference_stats import feature_bins, score_histogram


def test_ks_is_one_for_perfect_separation_and_small_for_noise():
    y = np.array([0] * 50 + [1] * 50)
    assert ks_statistic(y, np.linspace(0, 1, 100)) == pytest.approx(1.0)
    rng = np.random.default_rng(0)
    assert ks_statistic(rng.integers(0, 2, 5000), rng.random(5000)) < 0.05


def test_calibration_error_is_zero_when_probabilities_are_the_observed_rates():
    p = np.repeat([0.1, 0.5], 10)
    y = np.array([1] + [0] * 9 + [1] * 5 + [0] * 5)
    assert expected_calibration_error(y, p, bins=2) == pytest.approx(0.0)
    assert expected_calibration_error(y, np.full(20, 0.9), bins=2) > 0.5


def test_confusion_matrix_and_approval_rate():
    m = classification_metrics(np.array([1, 0, 1, 0]), np.array([0.9, 0.8, 0.1, 0.2]), 0.5)
    assert m["confusion_matrix"] == {"tn": 1, "fp": 1, "fn": 1, "tp": 1}
    assert m["approval_rate"] == 0.5


def test_feature_bins_shares_and_missing_add_up_to_one():
    rng = np.random.default_rng(1)
    values = rng.normal(size=1000)
    values[:100] = np.nan
    bins = feature_bins(values)
    assert len(bins["shares"]) == len(bins["edges"]) + 1
    assert sum(bins["shares"]) + bins["missing"] == pytest.approx(1.0)
    assert bins["missing"] == pytest.approx(0.1)
    flag = feature_bins(np.array([0.0] * 80 + [1.0] * 20))
    assert flag["edges"] == [1.0] and flag["shares"] == pytest.approx([0.8, 0.2])


def test_score_histogram():
    h = score_histogram(np.array([0.01, 0.02, 0.99, 1.0]), bins=2)
    assert h["shares"] == [0.5, 0.5]
