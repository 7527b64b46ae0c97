"""golden_from_model.py rebuilds, from a model file's trees, a booster that gives XGBoost's own golden values:
checked against the golden files written by the training run from the trained booster."""
import json
import os

import numpy as np
import pytest
import xgboost as xgb

from golden_from_model import booster_from_model

ARTIFACTS = os.path.join(os.path.dirname(__file__), "..", "..", "artifacts")


@pytest.mark.parametrize("name", ["golden.json", "golden-synthetic.json"])
def test_rebuilt_booster_gives_the_golden_values(name):
    path = os.path.join(ARTIFACTS, name)
    if not os.path.exists(path):
        pytest.skip(f"{name} not in model/artifacts (written by scripts/build-shipped-model.sh)")
    golden = json.load(open(path, encoding="utf-8"))
    booster, names = booster_from_model(os.path.join(ARTIFACTS, "model.onnx"))
    x = np.array([[np.nan if v is None else v for v in row] for row in golden["features"]], dtype=np.float32)
    assert x.shape[1] == len(names)
    d = xgb.DMatrix(x)
    margin = booster.predict(d, output_margin=True).astype(np.float64)
    contributions = booster.predict(d, pred_contribs=True)
    assert np.max(np.abs(1 / (1 + np.exp(-margin)) - np.array(golden["probability"]))) < 1e-6
    assert np.max(np.abs(contributions[:, :-1] - np.array(golden["contributions"]))) < 1e-6
    assert np.max(np.abs(contributions[:, -1] - np.array(golden["base_value"]))) < 1e-5
