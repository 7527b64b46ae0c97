import numpy as np
import pytest

from octroi_training.business_cost import best_threshold, cost_at, cost_curve


def test_cost_counts_missed_defaults_and_refused_good_clients():
    y = np.array([1, 1, 0, 0, 0])
    p = np.array([0.9, 0.2, 0.6, 0.1, 0.05])
    point = cost_at(y, p, 0.5, cost_fn=10, cost_fp=1)
    # refused: 0.9 (default, right), 0.6 (good, wrong: fp); granted: 0.2 (default, missed: fn)
    assert (point.false_negatives, point.false_positives) == (1, 1)
    assert point.cost_per_client == pytest.approx((10 + 1) / 5)
    assert point.approval_rate == pytest.approx(3 / 5)


def test_best_threshold_on_a_hand_made_case():
    # Two defaulters at 0.30 and 0.35, good clients at 0.10, 0.20, 0.32, 0.40.
    y = np.array([1, 1, 0, 0, 0, 0])
    p = np.array([0.30, 0.35, 0.10, 0.20, 0.32, 0.40])
    # Refusing from 0.30 up catches both defaults and refuses 2 good clients: cost 2/6.
    # From 0.201..0.300 the same; ties go to the highest threshold (most approvals): 0.300.
    best = best_threshold(y, p, cost_fn=10, cost_fp=1)
    assert best.threshold == pytest.approx(0.30)
    assert best.cost_per_client == pytest.approx(2 / 6)
    # With missed defaults cheap, refusing nobody is best.
    assert best_threshold(y, p, cost_fn=0.5, cost_fp=1).false_negatives == 2


def test_curve_agrees_with_direct_computation_everywhere():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, 500)
    p = rng.random(500)
    for point in cost_curve(y, p, 10, 1)[::37]:
        direct = cost_at(y, p, point.threshold, 10, 1)
        assert (point.false_negatives, point.false_positives) == (direct.false_negatives, direct.false_positives)
        assert point.approval_rate == pytest.approx(direct.approval_rate)
