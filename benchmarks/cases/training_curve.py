"""Per-epoch training and validation scores of an SGD classifier, 20 epochs.

Unfitted: each run trains a fresh ``SGDClassifier(loss="log_loss")`` for 20
epochs of ``partial_fit`` over all the training rows (20 features, 2
classes), shuffled each epoch, with 20% of the rows held out (stratified,
seeded). After every epoch both sides compute the same four numbers:
accuracy and log loss on the training rows and on the validation rows.
"vizkit" is ``TrainingCurve(...).fit`` then ``show(outpath=png)``. The
"sklearn function" peer is the same loop written by hand
(``train_test_split``, ``RandomState.permutation``, ``partial_fit``,
``score``, ``log_loss``) and the four curves drawn with ``ax.plot`` and
saved, so the difference is what TrainingCurve adds to the loop it records
(the runner wants a PNG from every side).
"""

from __future__ import annotations

import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split

from benchmarks.cases._common import SEED, SplitData, new_axes

PREFIT = False
DESCRIPTION = "SGDClassifier partial_fit, 20 epochs, 20% validation, 4 scores/epoch"
EPOCHS = 20


def build(n_rows: int) -> SplitData:
    X, y = make_classification(
        n_samples=n_rows, n_features=20, n_informative=10, random_state=SEED
    )
    return SplitData(X, y, X[:0], y[:0])


def _model() -> SGDClassifier:
    return SGDClassifier(loss="log_loss", random_state=SEED)


def _curve(data: SplitData):
    from vizkit.training import TrainingCurve

    viz = TrainingCurve(_model(), epochs=EPOCHS, random_state=SEED)
    return viz.fit(data.X_train, data.y_train)


def run_vizkit(data: SplitData, path: str) -> None:
    _curve(data).show(outpath=path)


def run_sklearn(data: SplitData, path: str) -> None:
    X_tr, X_val, y_tr, y_val = train_test_split(
        data.X_train, data.y_train, test_size=0.2, stratify=data.y_train,
        random_state=SEED,
    )  # fmt: skip
    model, classes = _model(), np.unique(data.y_train)
    rng = np.random.RandomState(SEED)
    scores = []
    for _ in range(EPOCHS):
        order = rng.permutation(len(y_tr))
        model.partial_fit(X_tr[order], y_tr[order], classes=classes)
        scores.append((
            model.score(X_tr, y_tr), model.score(X_val, y_val),
            log_loss(y_tr, model.predict_proba(X_tr), labels=classes),
            log_loss(y_val, model.predict_proba(X_val), labels=classes),
        ))  # fmt: skip
    fig, ax = new_axes()
    ax.plot(np.arange(1, EPOCHS + 1), np.array(scores))
    fig.savefig(path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "sklearn": run_sklearn,
}
