"""A local explanation of one instance of a prefit gradient boosting model.

Prefit: a HistGradientBoostingClassifier (100 iterations) is fitted once on
all the rows (20 features, 10 informative, 2 classes) outside the timer.
vizkit fits ``LocalExplanation`` around row 0 (5,000 perturbations, seeded:
the training mean and standard deviation per feature, one ``predict_proba``
on the perturbations, a kernel-weighted least-squares line), draws its
contribution bars and saves the PNG. The "sklearn" peer computes the same
explanation by hand (numpy perturbations, the model's ``predict_proba``,
scikit-learn's ``LinearRegression`` with the kernel weights as
``sample_weight``), draws the same bars and saves them, so the ratio is
vizkit's overhead. The issue's bar is absolute: under 0.5 s at 1e5 rows.
Every implementation runs under ``threadpool_limits(1)`` (the boosting's
OpenMP prediction on a busy two-core machine varies tenfold otherwise).
"""

from __future__ import annotations

import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LinearRegression
from threadpoolctl import threadpool_limits

from benchmarks.cases._common import SEED, SplitData, new_axes

PREFIT = True
DESCRIPTION = "HistGradientBoosting prefit; one row explained, 5,000 perturbations"
N_PERTURBATIONS = 5_000


def build(n_rows: int) -> SplitData:
    """Seeded 20-feature data and a boosting model fitted on all of it."""
    X, y = make_classification(
        n_samples=n_rows, n_features=20, n_informative=10, random_state=SEED
    )
    model = HistGradientBoostingClassifier(max_iter=100, random_state=SEED)
    with threadpool_limits(1):
        model.fit(X, y)
    return SplitData(X, y, X[:0], y[:0], model)


def run_vizkit(data: SplitData, path: str) -> None:
    from vizkit.inspection import LocalExplanation

    viz = LocalExplanation(
        data.model, x=data.X_train[0], n_samples=N_PERTURBATIONS,
        random_state=SEED, is_fitted=True,
    )  # fmt: skip
    with threadpool_limits(1):
        viz.fit(data.X_train, data.y_train)
    viz.show(outpath=path)


def _explain_by_hand(model, X: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The contributions of the same surrogate, with numpy and scikit-learn."""
    mean, std = X.mean(axis=0), X.std(axis=0)
    rng = np.random.RandomState(SEED)
    rows = np.vstack([x, x + rng.standard_normal((N_PERTURBATIONS, len(x))) * std])
    probabilities = model.predict_proba(rows)
    response = probabilities[:, np.argmax(probabilities[0])]
    distance2 = (((rows - x) / std) ** 2).sum(axis=1)
    weights = np.exp(-distance2 / (0.75**2 * len(x)))
    line = LinearRegression().fit(rows - x, response, sample_weight=weights)
    return line.coef_ * (x - mean)


def run_sklearn(data: SplitData, path: str) -> None:
    x = data.X_train[0]
    with threadpool_limits(1):
        contributions = _explain_by_hand(data.model, data.X_train, x)
    order = np.argsort(np.abs(contributions))
    fig, ax = new_axes()
    values = contributions[order]
    bars = ax.barh(
        np.arange(len(order)), values, color=np.where(values < 0, "C0", "C1")
    )
    ax.bar_label(bars, labels=[f"{v:+.3g}" for v in values], fontsize="small")
    ax.set_yticks(np.arange(len(order)), labels=[f"x{i} = {x[i]:.3g}" for i in order])
    ax.axvline(0, color="k", linewidth=0.8)
    ax.set(title="Local explanation", xlabel="contribution to P(class)")
    fig.tight_layout()
    fig.savefig(path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "sklearn": run_sklearn,
}
