"""The shared drawing pieces: density images agree with numpy's histograms."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.image import AxesImage

from vizkit.draw import (
    class_density_image,
    manual_legend,
    scatter_classes,
    scatter_values,
    value_density_image,
)


def points(n=5_000, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=n), rng.normal(size=n), rng.integers(0, 3, size=n)


def test_class_image_colours_each_bin_by_its_majority_class():
    x, y, codes = points()
    colors = ["red", "green", "blue"]
    rgba, extent = class_density_image(x, y, codes, colors, bins=20)
    np.testing.assert_allclose(extent, (x.min(), x.max(), y.min(), y.max()))
    edges = [np.linspace(x.min(), x.max(), 21), np.linspace(y.min(), y.max(), 21)]
    per_class = np.stack(
        [np.histogram2d(x[codes == k], y[codes == k], bins=edges)[0] for k in range(3)]
    )
    total = per_class.sum(axis=0).T  # histogram2d is (x, y); images are (row=y, col=x)
    occupied = total > 0
    np.testing.assert_array_equal(rgba[..., 3] > 0, occupied)
    majority = per_class.argmax(axis=0).T
    # Ties may resolve either way between np.argmax orders; compare unique winners.
    unique = (per_class.T == per_class.max(axis=0).T[..., None]).sum(axis=-1) == 1
    expected = np.array([to_rgba(c)[:3] for c in colors])[majority]
    np.testing.assert_allclose(
        rgba[occupied & unique][:, :3], expected[occupied & unique]
    )


def test_value_image_is_the_mean_per_bin():
    x, y, _ = points()
    values = x + 2 * y
    mean, _ = value_density_image(x, y, values, bins=10)
    edges = [np.linspace(x.min(), x.max(), 11), np.linspace(y.min(), y.max(), 11)]
    sums = np.histogram2d(x, y, bins=edges, weights=values)[0].T
    counts = np.histogram2d(x, y, bins=edges)[0].T
    with np.errstate(invalid="ignore"):
        np.testing.assert_allclose(mean, sums / counts)


def test_scatter_switches_to_one_image_above_the_threshold():
    x, y, codes = points(n=2_000)
    fig, ax = plt.subplots()
    small = scatter_classes(
        ax, x, y, codes, ["red", "green", "blue"], density_threshold=5_000
    )
    np.testing.assert_allclose(small.get_offsets(), np.c_[x, y])
    big = scatter_classes(
        ax, x, y, codes, ["red", "green", "blue"], density_threshold=1_000
    )
    assert isinstance(big, AxesImage)
    mappable = scatter_values(ax, x, y, x, cmap="viridis", density_threshold=1_000)
    assert isinstance(mappable, AxesImage)
    notes = [t.get_text() for t in ax.texts]
    assert notes == ["4,000 points binned 300x300"]  # one note, counts summed


def test_manual_legend_names_every_class():
    fig, ax = plt.subplots()
    legend = manual_legend(ax, ["a", "b"], ["red", "blue"])
    assert [t.get_text() for t in legend.get_texts()] == ["a", "b"]
