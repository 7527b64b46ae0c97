"""Shared paths of the pipeline's tests.

The standalone tests train on the synthetic test fixture (the generator's output for a fixed seed, written
once into .cache/ by test/support/synthetic-fixture.ts). Tests marked `real_data` train on real Home
Credit rows from the folder named by OCTROI_REAL_DATA (structure in docs/DATA.md); without it they are
skipped with that reason, and scripts/test.sh reports "real-data: not run".
"""
import os
import shutil
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
REAL_DATA = os.environ.get("OCTROI_REAL_DATA") or None


def pytest_configure(config):
    config.addinivalue_line("markers", "real_data: needs real Home Credit samples (the folder named by OCTROI_REAL_DATA)")


def pytest_collection_modifyitems(config, items):
    if REAL_DATA:
        return
    skip = pytest.mark.skip(reason="real-data: not run (OCTROI_REAL_DATA is not set)")
    for item in items:
        if "real_data" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def synthetic_train() -> str:
    """application_train.csv of the synthetic test fixture (written on first use)."""
    tsx = os.path.join(REPO_ROOT, "node_modules", ".bin", "tsx")
    if not os.path.exists(tsx):
        tsx = shutil.which("tsx") or tsx
    folder = subprocess.run([tsx, os.path.join(REPO_ROOT, "test", "support", "synthetic-fixture.ts")], cwd=REPO_ROOT,
                            check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return os.path.join(folder, "application_train.csv")


@pytest.fixture(scope="session")
def real_train() -> str:
    """application_train.csv of the real fixture (only for tests marked real_data)."""
    path = os.path.join(os.path.abspath(REAL_DATA or ""), "fixture", "application_train.csv")
    if not REAL_DATA or not os.path.exists(path):
        raise FileNotFoundError(f"OCTROI_REAL_DATA={REAL_DATA}: no fixture/application_train.csv there (see docs/DATA.md)")
    return path
