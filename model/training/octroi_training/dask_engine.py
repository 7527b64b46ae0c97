"""Training that scales out: the same folds, rounds and parameters as the single-machine path, trained with
XGBoost's own Dask interface (xgboost.dask) on a Dask cluster, from the feature shards `octroi features
--out-dir DIR --shard-rows N` writes (one CSV per shard, the one feature code's header).

Only what is small comes back to the driver: ids and labels (for the stratified folds, the calibration and
the threshold), the out-of-fold margins, the search's subsample and a sample for importance and reference
statistics. The feature matrix stays on the workers. The shards' folder must be readable by every worker
at the same path (a shared folder), as with any Dask file reader.
"""
from __future__ import annotations

import glob
import hashlib
import logging
import os

import dask.array as da
import dask.dataframe as dd
import numpy as np
import xgboost as xgb
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

from .features_csv import FeatureFileError

log = logging.getLogger("octroi.training")

SHARD_PATTERN = "features-*.csv"
# Reference statistics (drift bins) are quantiles: a sample of this many rows estimates them closely.
REFERENCE_SAMPLE_ROWS = 200_000


def shard_files(directory: str) -> list[str]:
    """The shard files of a folder, in order; FeatureFileError when there are none."""
    files = sorted(glob.glob(os.path.join(directory, SHARD_PATTERN)))
    if not files:
        raise FeatureFileError(f"{directory}: no feature shards ({SHARD_PATTERN}); write them with octroi features --out-dir")
    return files


class DaskFeatures:
    """The labelled feature shards as Dask arrays on a cluster, with ids and labels on the driver."""

    def __init__(self, client, directory: str, names: list[str]):
        self.client = client
        self.files = shard_files(directory)
        # One partition per shard, exact float64 like the single-machine reader, then float32 like it.
        frame = dd.read_csv(self.files, dtype=np.float64, na_values=[""], keep_default_na=False,
                            float_precision="round_trip", blocksize=None)
        columns = list(frame.columns)
        if columns[:2] != ["SK_ID_CURR", "TARGET"] or columns[2:] != names:
            raise FeatureFileError(f"{directory}: the shards' header is not SK_ID_CURR,TARGET and the feature set's features")
        frame = frame[frame["TARGET"].notnull()]
        lengths = tuple(int(n) for n in frame.map_partitions(len).compute())
        self.x = frame[names].astype(np.float32).to_dask_array(lengths=lengths)
        self.y_dask = frame["TARGET"].astype(np.int64).to_dask_array(lengths=lengths)
        head = frame[["SK_ID_CURR", "TARGET"]].compute()
        if not head["TARGET"].isin([0, 1]).all():
            bad = head.loc[~head["TARGET"].isin([0, 1]), "SK_ID_CURR"].iloc[0]
            raise FeatureFileError(f"{directory}: TARGET must be 0 or 1 (client {int(bad)})")
        self.ids = head["SK_ID_CURR"].to_numpy(dtype=np.int64)
        self.y = head["TARGET"].to_numpy(dtype=int)
        self.chunks = (lengths,)
        self.x, self.y_dask = self.client.persist([self.x, self.y_dask])

    def rows(self, indices: np.ndarray) -> np.ndarray:
        """The feature rows at these (sorted) positions, gathered on the driver."""
        return self.x[np.asarray(indices)].compute()

    def digest(self) -> bytes:
        """The shards' bytes, hashed in order (for the model version, like the single-machine file)."""
        h = hashlib.sha256()
        for f in self.files:
            with open(f, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    h.update(block)
        return h.digest()

    def _mask(self, keep: np.ndarray):
        return da.from_array(keep, chunks=self.chunks)

    def train(self, params: dict, rounds: int, keep: np.ndarray | None = None) -> xgb.Booster:
        """A booster trained with xgboost.dask on all rows, or on the rows where `keep` is True."""
        x, y = self.x, self.y_dask
        if keep is not None:
            mask = self._mask(keep)
            x, y = x[mask], y[mask]
        dtrain = xgb.dask.DaskDMatrix(self.client, x, y)
        # nthread is per worker in xgboost.dask: each worker uses its own threads.
        distributed = {k: v for k, v in params.items() if k != "nthread"}
        return xgb.dask.train(self.client, distributed, dtrain, rounds)["booster"]

    def predict_margin(self, booster: xgb.Booster, keep: np.ndarray) -> np.ndarray:
        """Margins of the rows where `keep` is True, in row order."""
        return xgb.dask.predict(self.client, booster, self.x[self._mask(keep)], output_margin=True).compute()

    def out_of_fold_margins(self, params: dict, rounds: int, folds: int, seed: int) -> np.ndarray:
        """The single-machine path's stratified folds (same split of the same labels), each trained on the cluster."""
        margins = np.zeros(len(self.y))
        split = StratifiedKFold(folds, shuffle=True, random_state=seed).split(np.zeros(len(self.y)), self.y)
        for k, (train, valid) in enumerate(split):
            in_valid = np.zeros(len(self.y), dtype=bool)
            in_valid[valid] = True
            booster = self.train(params, rounds, ~in_valid)
            margins[valid] = self.predict_margin(booster, in_valid)
            log.info("cross-validation fold %d/%d (dask): AUC %.4f", k + 1, folds, roc_auc_score(self.y[valid], margins[valid]))
        return margins

    def reference_sample(self, seed: int) -> np.ndarray:
        """Sorted positions of at most REFERENCE_SAMPLE_ROWS rows for the reference statistics."""
        n = len(self.y)
        if n <= REFERENCE_SAMPLE_ROWS:
            return np.arange(n)
        return np.sort(np.random.default_rng(seed).choice(n, REFERENCE_SAMPLE_ROWS, replace=False))
