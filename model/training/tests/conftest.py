import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

SHARED = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "shared", "data", "home-credit"))
FIXTURE_TRAIN = os.path.join(SHARED, "fixture", "application_train.csv")
HEAD7000 = os.path.join(SHARED, "application_train_head7000.csv")
