"""Cook's distance of every row of a least-squares fit, drawn as stems.

Not prefit: CooksDistance fits its own least squares. Each implementation
fits ordinary least squares with an intercept on all the rows, computes each
row's leverage and Cook's distance, draws them against the row index with
the 4/n threshold line and saves the PNG. The floor computes the leverages
from a thin QR decomposition (no n x n hat matrix) and draws one ``ax.stem``,
as Yellowbrick does; vizkit draws every stem up to 5,000 rows and, above,
the largest distance of each block of rows (the picture says so).
"""

from __future__ import annotations

import numpy as np

from benchmarks.cases._common import SEED, SplitData, new_axes, yellowbrick_style
from vizkit.datasets import make_regression_data

PREFIT = False
DESCRIPTION = "OLS with intercept on every row; stems of Cook's distance, 4/n line"


def build(n_rows: int) -> SplitData:
    """Seeded regression data; every implementation reads all the rows."""
    data = make_regression_data(n_rows, random_state=SEED)
    return SplitData(data.X, data.y, data.X[:0], data.y[:0])


def run_vizkit(data: SplitData, path: str) -> None:
    from vizkit.regressor.influence import CooksDistance

    CooksDistance().fit(data.X_train, data.y_train).show(outpath=path)


def run_floor(data: SplitData, path: str) -> None:
    X = np.column_stack([np.ones(len(data.X_train)), data.X_train])
    y = data.y_train
    Q, R = np.linalg.qr(X)
    residuals = y - Q @ (Q.T @ y)
    leverage = np.einsum("ij,ij->i", Q, Q)
    n, p = X.shape
    variance = residuals @ residuals / (n - p)
    distance = residuals**2 * leverage / (p * variance * (1 - leverage) ** 2)
    fig, ax = new_axes()
    ax.stem(distance, linefmt="C0-", markerfmt=",")
    ax.axhline(4 / n, ls="--", color="C3", label="4/n")
    ax.set(xlabel="instance index", ylabel="influence (I)", title="Cook's Distance")
    ax.legend()
    fig.savefig(path)


def run_yellowbrick(data: SplitData, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.regressor import CooksDistance

    CooksDistance().fit(data.X_train, data.y_train).show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
