"""The structure of a deep prefit decision tree, drawn down to depth 4.

Prefit: a DecisionTreeClassifier (max_depth=12) is fitted once on the
training rows of seeded ``make_classification`` data (10 features) outside
the timer. Each implementation draws the tree's nodes down to depth 4 and
saves the picture: vizkit's ``DecisionTreeStructure`` (fit reads the tree
and bins each shown split's feature over the training rows reaching it,
then draws, no Graphviz), scikit-learn's ``plot_tree`` (rules and counts,
no histograms), and dtreeviz's Graphviz diagram (``view`` with
``depth_range_to_display=(0, 4)``, saved as SVG). The runner checks a PNG,
which dtreeviz cannot write: its run also renders the saved DOT file to the
PNG with ``dot -Tpng`` (the embedded histograms are left out by Graphviz's
PNG renderer). dtreeviz is reported "not installed" without Graphviz's dot.
"""

from __future__ import annotations

import os
import shutil
import subprocess

from sklearn.datasets import make_classification
from sklearn.tree import DecisionTreeClassifier

from benchmarks.cases._common import SEED, SplitData, new_axes, split

PREFIT = True
DESCRIPTION = "DecisionTree (depth 12) prefit, 10 features; drawn to depth 4"
DEPTH = 4


def build(n_rows: int) -> SplitData:
    """Seeded classification data, a depth-12 tree fitted on the train rows."""
    X, y = make_classification(n_rows, n_features=10, random_state=SEED)
    return split(X, y, DecisionTreeClassifier(max_depth=12, random_state=SEED))


def run_vizkit(data: SplitData, path: str) -> None:
    from vizkit.tree import DecisionTreeStructure

    viz = DecisionTreeStructure(data.model, max_depth=DEPTH, is_fitted=True)
    viz.fit(data.X_train, data.y_train)
    viz.show(outpath=path)


def run_sklearn(data: SplitData, path: str) -> None:
    from sklearn.tree import plot_tree

    fig, ax = new_axes()
    plot_tree(data.model, max_depth=DEPTH, ax=ax)
    fig.savefig(path)


def run_dtreeviz(data: SplitData, path: str) -> None:
    import dtreeviz

    if shutil.which("dot") is None:
        raise ModuleNotFoundError("Graphviz's dot is not installed", name="dot")
    view = dtreeviz.model(data.model, data.X_train, data.y_train).view(
        depth_range_to_display=(0, DEPTH), fontname="DejaVu Sans"
    )
    svg = os.path.splitext(path)[0] + ".svg"
    view.save(svg)  # also leaves the DOT source beside it, named without suffix
    subprocess.run(
        ["dot", "-Tpng", "-o", path, os.path.splitext(svg)[0]],
        check=True, capture_output=True,
    )  # fmt: skip


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "sklearn": run_sklearn,
    "dtreeviz": run_dtreeviz,
}
