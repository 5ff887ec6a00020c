"""Per-epoch training and validation scores of an SGD classifier, 20 epochs.

Unfitted: each run trains a fresh ``SGDClassifier(loss="log_loss")`` for 20
epochs of ``partial_fit`` over all the training rows (20 features, 2
classes), shuffled each epoch, with 20% of the rows held out (stratified,
seeded). After every epoch both sides compute the same four numbers:
accuracy and log loss on the training rows and on the validation rows.
"vizkit" is ``TrainingCurve(...).fit`` then ``show(outpath=png)``. The
"sklearn function" peer is the same loop written by hand
(``train_test_split``, ``RandomState.permutation``, ``partial_fit``,
``score``, ``log_loss``) drawing the same figure by hand (the two scores,
the two losses on a twin axis, the best epoch, one legend) and saving it,
so the difference is what TrainingCurve adds to the loop it records.
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
    _draw_by_hand(np.array(scores), path)


def _draw_by_hand(scores: np.ndarray, path: str) -> None:
    """The figure TrainingCurve draws: scores, losses on a twin axis, best epoch."""
    fig, ax = new_axes()
    epochs = np.arange(1, EPOCHS + 1)
    loss_ax = ax.twinx()
    style = {"marker": "o", "markersize": 3}
    ax.plot(epochs, scores[:, 0], label="train accuracy", **style)
    ax.plot(epochs, scores[:, 1], label="validation accuracy", **style)
    loss_ax.plot(epochs, scores[:, 2], ls="--", label="train log loss", **style)
    loss_ax.plot(epochs, scores[:, 3], ls="--", label="validation log loss", **style)
    best = epochs[np.argmax(scores[:, 1])]
    ax.axvline(best, color="k", ls=":", label=f"best epoch ({best})")
    ax.set(xlabel="epoch", ylabel="accuracy", title="Training Curve of SGDClassifier")
    loss_ax.set_ylabel("log loss")
    handles = ax.get_legend_handles_labels()[0] + loss_ax.get_legend_handles_labels()[0]
    loss_ax.legend(handles=handles, fontsize="small")
    fig.tight_layout()
    fig.savefig(path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "sklearn": run_sklearn,
}
