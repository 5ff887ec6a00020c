"""Joint plot of two of 20 features with marginal histograms, Pearson correlation.

All three draw the same picture: the points of two columns (a binned density
image above 50,000 rows for vizkit and the floor; Yellowbrick 1.5 scatters
every point), a 50-bin histogram of each column on the top and right margins
(axes made with make_axes_locatable), and the correlation in the legend.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import pearsonr

from benchmarks.cases._common import SEED, new_axes, yellowbrick_style
from vizkit.datasets import Dataset, make_classification_data

PREFIT = False
DESCRIPTION = "20 features; columns 0 and 1 jointly, 50-bin margins, Pearson r"
#: The drawn columns.
COLUMNS = [0, 1]
#: Bins of the floor's density image along each axis (vizkit's DENSITY_BINS).
BINS = 300
#: Rows above which the floor bins the points (vizkit's DENSITY_THRESHOLD).
THRESHOLD = 50_000


def build(n_rows: int) -> Dataset:
    """Seeded 3-class data with 20 features."""
    return make_classification_data(
        n_rows, n_features=20, n_classes=3, random_state=SEED
    )


def run_vizkit(data: Dataset, path: str) -> None:
    from vizkit.features import JointPlot

    viz = JointPlot(columns=COLUMNS)
    viz.fit_transform(data.X)
    viz.show(outpath=path)


def run_floor(data: Dataset, path: str) -> None:
    from mpl_toolkits.axes_grid1 import make_axes_locatable

    x, y = data.X[:, COLUMNS[0]], data.X[:, COLUMNS[1]]
    r = pearsonr(x, y)[0]
    fig, ax = new_axes()
    if len(x) > THRESHOLD:
        counts, xedges, yedges = np.histogram2d(x, y, bins=BINS)
        extent = (xedges[0], xedges[-1], yedges[0], yedges[-1])
        image = np.ma.masked_equal(np.log1p(counts.T), 0)
        ax.imshow(image, extent=extent, origin="lower", aspect="auto", cmap="Blues")
        ax.plot([], [], "o", label=f"pearson={r:0.3f}")
    else:
        ax.scatter(x, y, alpha=0.65, label=f"pearson={r:0.3f}")
    divider = make_axes_locatable(ax)
    top = divider.append_axes("top", size=1, pad=0.1, sharex=ax)
    right = divider.append_axes("right", size=1, pad=0.1, sharey=ax)
    top.stairs(*np.histogram(x, bins=50), fill=True)
    right.stairs(*np.histogram(y, bins=50), fill=True, orientation="horizontal")
    ax.legend()
    fig.savefig(path)


def run_yellowbrick(data: Dataset, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.features import JointPlot

    viz = JointPlot(columns=COLUMNS)
    viz.fit_transform(data.X)
    viz.show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
