"""The split regions of a prefit depth-12 tree in two features, with every row.

Prefit: a DecisionTreeClassifier (max_depth=12) is fitted once on all the
rows (10 features, 5 informative, 2 classes) outside the timer. vizkit draws
``TreeFeatureSpace`` on features 0 and 1 (the leaf rectangles and the
training points, binned above ``vizkit.draw.DENSITY_THRESHOLD`` rows) and
saves the PNG. The "sklearn" peer is the reference the tree issue names:
``sklearn.tree.plot_tree(max_depth=4)`` of the same tree, saved; the
"dtreeviz" peer is dtreeviz's own ``ctree_feature_space`` on the same two
features (one patch per region, every point scattered), saved.
"""

from __future__ import annotations

from sklearn.datasets import make_classification
from sklearn.tree import DecisionTreeClassifier, plot_tree

from benchmarks.cases._common import SEED, SplitData, new_axes

PREFIT = True
DESCRIPTION = "DecisionTree (depth 12) prefit on all rows; regions in 2 of 10 features"
FEATURES = [0, 1]


def build(n_rows: int) -> SplitData:
    """Seeded 10-feature data and a depth-12 tree fitted on all of it."""
    X, y = make_classification(
        n_samples=n_rows, n_features=10, n_informative=5, random_state=SEED
    )
    model = DecisionTreeClassifier(max_depth=12, random_state=SEED).fit(X, y)
    return SplitData(X, y, X[:0], y[:0], model)


def run_vizkit(data: SplitData, path: str) -> None:
    from vizkit.tree import TreeFeatureSpace

    viz = TreeFeatureSpace(data.model, features=FEATURES, is_fitted=True)
    viz.fit(data.X_train, data.y_train)
    viz.show(outpath=path)


def run_sklearn(data: SplitData, path: str) -> None:
    fig, ax = new_axes()
    plot_tree(data.model, max_depth=4, ax=ax)
    fig.savefig(path)


def run_dtreeviz(data: SplitData, path: str) -> None:
    import dtreeviz

    names = [f"x{i}" for i in range(data.X_train.shape[1])]
    model = dtreeviz.model(
        data.model, data.X_train, data.y_train, feature_names=names, target_name="y"
    )
    fig, ax = new_axes()
    model.ctree_feature_space(
        ax=ax, fontname="DejaVu Sans", features=[names[f] for f in FEATURES]
    )
    fig.savefig(path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "sklearn": run_sklearn,
    "dtreeviz": run_dtreeviz,
}
