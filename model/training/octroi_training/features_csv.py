"""Reads the feature matrix exported by the app (`octroi features`): SK_ID_CURR, TARGET, then features."""
from __future__ import annotations

import numpy as np
import pandas as pd


class FeatureFileError(ValueError):
    """The features file is not what the pipeline expects; the message names the file and the problem."""


def read_features(path: str, expected_names: list[str] | None = None, labelled: bool = True):
    """(ids, x float32 [N, F] with NaN for missing, y or None, feature names) from a features CSV."""
    # round_trip: the exact float64 the app wrote (String(number)), so float32 inputs agree bit for bit.
    frame = pd.read_csv(path, dtype=np.float64, na_values=[""], keep_default_na=False, float_precision="round_trip")
    columns = list(frame.columns)
    if columns[:2] != ["SK_ID_CURR", "TARGET"]:
        raise FeatureFileError(f"{path}: the header must start with SK_ID_CURR,TARGET (found {columns[:2]})")
    names = columns[2:]
    if expected_names is not None and names != expected_names:
        missing = [n for n in expected_names if n not in names]
        extra = [n for n in names if n not in expected_names]
        raise FeatureFileError(f"{path}: features differ from the feature set (missing {missing[:5]}, extra {extra[:5]},"
                               " or another order)")
    if labelled:
        frame = frame[frame["TARGET"].notna()]
        bad = frame.loc[~frame["TARGET"].isin([0, 1]), "SK_ID_CURR"]
        if len(bad):
            raise FeatureFileError(f"{path}: TARGET must be 0 or 1 (client {int(bad.iloc[0])})")
    x = frame[names].to_numpy(dtype=np.float32)
    y = frame["TARGET"].to_numpy(dtype=int) if labelled else None
    return frame["SK_ID_CURR"].to_numpy(dtype=np.int64), x, y, names
