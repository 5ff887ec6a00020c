"""The one-call model report of an unfitted random forest (20 features, 2 classes).

Unfitted: each run starts from ``RandomForestClassifier(random_state=0)``.
"vizkit" is ``vizkit.report(model, X, y, out=page, progress=False)``: a
stratified 75/25 split, one fit, one ``predict`` and one ``predict_proba`` on
the test rows, every classification section drawn from them, the HTML page
written. The "sklearn" peer is only what the report cannot avoid: the same
split, the same model's own fit, ``predict`` and ``predict_proba`` by hand.
The issue's limit: at most 20% of the report's time outside the model's own
calls, i.e. vizkit / peer <= 1.25.

The runner checks that each run wrote a PNG at its path: vizkit copies its
first section's PNG there; the peer, which draws nothing, saves a one-pixel
PNG (about a millisecond) of its first probability.
"""

from __future__ import annotations

import os

from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

from benchmarks.cases._common import SEED, SplitData

PREFIT = False
DESCRIPTION = "RandomForest (100 trees) fit + every classification section + HTML"
#: The report's default held-out fraction and seed, used by the peer too.
TEST_SIZE, SPLIT_SEED = 0.25, 0


def build(n_rows: int) -> SplitData:
    """Seeded 20-feature, 2-class data; the report splits it itself."""
    X, y = make_classification(
        n_samples=n_rows, n_features=20, n_informative=10, random_state=SEED
    )
    return SplitData(X, y, X[:0], y[:0])


def _model() -> RandomForestClassifier:
    return RandomForestClassifier(random_state=SEED)


def run_vizkit(data: SplitData, path: str) -> None:
    import vizkit

    page = os.path.splitext(path)[0] + ".html"
    result = vizkit.report(
        _model(), data.X_train, data.y_train, out=page, progress=False
    )
    with open(path, "wb") as handle:
        handle.write(result.sections[0].png)


def run_sklearn(data: SplitData, path: str) -> None:
    import matplotlib.pyplot as plt

    X_train, X_test, y_train, _ = train_test_split(
        data.X_train, data.y_train, test_size=TEST_SIZE, random_state=SPLIT_SEED,
        stratify=data.y_train,
    )  # fmt: skip
    model = _model().fit(X_train, y_train)
    model.predict(X_test)
    probabilities = model.predict_proba(X_test)
    plt.imsave(path, probabilities[:1, :1], format="png")


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "sklearn": run_sklearn,
}
