"""The shared drawing pieces: density images agree with numpy's histograms."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.image import AxesImage

from vizkit.draw import (
    MAX_TICK_LABELS,
    class_density_image,
    fit_tick_labels,
    label_rotation,
    manual_legend,
    scatter_classes,
    scatter_values,
    thinning_step,
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


# -- category tick labels ----------------------------------------------------------


def category_axes(labels):
    fig, ax = plt.subplots(figsize=(6.4, 4.8))
    ticks = np.arange(len(labels))
    ax.bar(ticks, np.ones(len(labels)))
    ax.set_xticks(ticks, labels)
    return ax


def overlapping(texts) -> bool:
    """Whether any two drawn labels' boxes intersect."""
    boxes = [t.get_window_extent() for t in texts if t.get_text()]
    return any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_thinning_step_by_count_and_by_room():
    assert thinning_step(10, spacing=50, height=14) == 1
    assert thinning_step(100, spacing=50, height=14) == 3  # ceil(100 / 40)
    assert thinning_step(10, spacing=5, height=14) == 4  # 14 * 1.15 / 5 -> 4
    assert thinning_step(10, spacing=0, height=14) == 10


def test_label_rotation_turns_only_labels_that_do_not_fit():
    assert label_rotation(width=20, spacing=50) == 0
    assert label_rotation(width=80, spacing=50) == 90


def test_short_labels_stay_horizontal():
    ax = category_axes(["a", "b", "c"])
    assert fit_tick_labels(ax) == (1, 0)
    assert [t.get_rotation() for t in ax.get_xticklabels()] == [0, 0, 0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]


def test_long_labels_turn_vertical_and_stop_overlapping():
    labels = [f"a rather long class name {i}" for i in range(6)]
    ax = category_axes(labels)
    assert fit_tick_labels(ax) == (1, 90)
    assert {t.get_rotation() for t in ax.get_xticklabels()} == {90}
    ax.figure.canvas.draw()
    assert not overlapping(ax.get_xticklabels())


def test_many_labels_are_thinned_to_every_kth():
    labels = [f"c{i}" for i in range(120)]
    ax = category_axes(labels)
    step, _ = fit_tick_labels(ax)
    shown = [t.get_text() for t in ax.get_xticklabels()]
    assert step >= 120 / MAX_TICK_LABELS and len(shown) <= MAX_TICK_LABELS
    assert shown == labels[::step]
    np.testing.assert_allclose(ax.get_xticks(), np.arange(120)[::step])
    ax.figure.canvas.draw()
    assert not overlapping(ax.get_xticklabels())


def test_y_labels_are_thinned_but_never_rotated():
    fig, ax = plt.subplots(figsize=(4, 2))
    labels = [f"a long name {i}" for i in range(30)]
    ax.set_ylim(0, 30)
    ax.set_yticks(np.arange(30), labels)
    step, rotation = fit_tick_labels(ax, "y")
    assert step > 1 and rotation == 0
    assert {t.get_rotation() for t in ax.get_yticklabels()} == {0}
    fig.canvas.draw()
    assert not overlapping(ax.get_yticklabels())


def test_automatic_ticks_are_left_alone():
    fig, ax = plt.subplots()
    ax.plot([0, 1000], [0, 1])
    locator = ax.xaxis.get_major_locator()
    assert fit_tick_labels(ax) == (1, 0)
    assert ax.xaxis.get_major_locator() is locator
