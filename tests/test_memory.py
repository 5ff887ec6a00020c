"""Saving many plots in a loop holds memory flat and leaves no figure open."""

import gc
import tracemalloc

import matplotlib.pyplot as plt
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

from vizkit.classifier import ConfusionMatrix


def test_200_fit_score_show_cycles_hold_memory_flat(tmp_path):
    X, y = make_classification(n_samples=200, n_classes=3, n_informative=3,
                               random_state=0)
    model = LogisticRegression(max_iter=300).fit(X, y)
    outpath = tmp_path / "cm.png"

    def cycle():
        viz = ConfusionMatrix(model)
        viz.fit(X, y)
        viz.score(X, y)
        viz.show(outpath=outpath)

    for _ in range(20):  # warm up caches (fonts, colormaps, text layout)
        cycle()
    gc.collect()
    tracemalloc.start()
    start, _ = tracemalloc.get_traced_memory()
    for _ in range(200):
        cycle()
    gc.collect()
    end, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert plt.get_fignums() == []
    # A leaked figure costs hundreds of kB; 200 of them would be far above this.
    assert end - start < 2_000_000, f"grew by {end - start:,} bytes"
