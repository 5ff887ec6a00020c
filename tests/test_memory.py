"""Saving many plots in a loop holds memory flat and leaves no figure open."""

import gc
import os

import matplotlib.pyplot as plt
import pytest
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

from vizkit.classifier import ConfusionMatrix


def resident_bytes() -> int:
    """Resident set size from /proc (no tracing overhead)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs Linux /proc")
def test_120_fit_score_show_cycles_hold_memory_flat(tmp_path):
    X, y = make_classification(
        n_samples=200, n_classes=3, n_informative=3, random_state=0
    )
    model = LogisticRegression(max_iter=300).fit(X, y)
    outpath = tmp_path / "cm.png"

    def cycles(count):
        for _ in range(count):
            viz = ConfusionMatrix(model, size=(300, 200))
            viz.fit(X, y)
            viz.score(X, y)
            viz.show(outpath=outpath, dpi=50)
        gc.collect()
        return resident_bytes()

    after_warm_up = cycles(30)  # fonts, colormaps and text caches fill up here
    after_120_more = cycles(120)
    assert plt.get_fignums() == []
    # One leaked figure holds a few hundred kB; 120 would be far above this.
    growth = after_120_more - after_warm_up
    assert growth < 8_000_000, f"resident memory grew by {growth:,} bytes"
