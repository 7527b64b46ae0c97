"""The Dask engine (xgboost.dask on a LocalCluster of 2 workers) against the single-machine path: same data,
same seed, same folds → out-of-fold AUC within 0.005, and the same model file contract."""
import json

import numpy as np
import pandas as pd
import pytest

from octroi_training.onnx_export import read_metadata
import train

distributed = pytest.importorskip("distributed", reason="python3-distributed (Debian) is needed for the Dask engine")


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local:
        yield local.scheduler_address


def synthetic_clients(rows=8000, features=30, seed=3):
    """Clients whose default follows a few of their features (≈ 8 % defaults), with missing values: standalone data."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(rows, features))
    margin = -2.9 + x[:, 0] - 0.8 * x[:, 1] + 0.5 * x[:, 2] * x[:, 3] + 0.4 * np.abs(x[:, 4])
    target = (rng.uniform(size=rows) < 1 / (1 + np.exp(-margin))).astype(int)
    x[rng.uniform(size=x.shape) < 0.1] = np.nan
    names = [f"F{i:02d}" for i in range(features)]
    frame = pd.DataFrame(x, columns=names)
    frame.insert(0, "TARGET", target)
    frame.insert(0, "SK_ID_CURR", np.arange(100002, 100002 + rows))
    return frame, names


def write_inputs(tmp_path):
    frame, names = synthetic_clients()
    features = tmp_path / "features.csv"
    frame.to_csv(features, index=False)
    shards = tmp_path / "shards"
    shards.mkdir()
    for k, part in enumerate(np.array_split(np.arange(len(frame)), 3)):
        frame.iloc[part].to_csv(shards / f"features-{k:05d}.csv", index=False)
    feature_set = tmp_path / "feature-set.json"
    feature_set.write_text(json.dumps({"version": "dask-test", "features": [{"name": n} for n in names]}))
    return features, shards, feature_set, names, len(frame)


def test_dask_training_matches_the_single_machine_path(tmp_path, cluster):
    features, shards, feature_set, names, rows = write_inputs(tmp_path)
    common = ["--feature-set", str(feature_set), "--trials", "0", "--folds", "3", "--threads", "1", "--seed", "11"]
    assert train.main(["--features", str(features), "--out", str(tmp_path / "local"), *common]) == 0
    assert train.main(["--engine", "dask", "--scheduler", cluster, "--features-dir", str(shards),
                       "--out", str(tmp_path / "dask"), *common]) == 0

    local = json.loads((tmp_path / "local" / "report.json").read_text())
    dask = json.loads((tmp_path / "dask" / "report.json").read_text())
    # Same search (the same rows, locally), so the same parameters and rounds; the trees differ only by
    # the distributed quantile sketch.
    assert dask["search"]["params"] == local["search"]["params"]
    assert dask["search"]["rounds"] == local["search"]["rounds"]
    local_auc, dask_auc = local["metrics_at_threshold"]["auc"], dask["metrics_at_threshold"]["auc"]
    assert abs(dask_auc - local_auc) < 0.005, (local_auc, dask_auc)
    assert sum(dask["metrics_at_threshold"]["confusion_matrix"].values()) == rows

    meta = read_metadata(str(tmp_path / "dask" / "model.onnx"))
    assert [f["name"] for f in meta["features"]] == names
    assert set(meta["reference"]["features"]) == set(names) and set(meta["importance"]) == set(names)
    assert 0 < meta["threshold"] < 1 and meta["calibration"]["method"] == "platt"
    assert meta["training"]["engine"] == "dask (xgboost.dask)"
    assert "engine" not in read_metadata(str(tmp_path / "local" / "model.onnx"))["training"]


def test_dask_engine_refuses_a_folder_without_shards(tmp_path, cluster):
    _, _, feature_set, _, _ = write_inputs(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValueError, match="no feature shards"):
        train.main(["--engine", "dask", "--scheduler", cluster, "--features-dir", str(empty), "--feature-set",
                    str(feature_set), "--out", str(tmp_path / "o"), "--trials", "0"])
