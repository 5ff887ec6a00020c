"""ClassBalance: class counts against numpy, then the drawn bars."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex, to_rgba
from numpy.testing import assert_allclose, assert_array_equal
from scipy import sparse
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils import get_tags

from vizkit.exceptions import NotFitted, VizkitValueError
from vizkit.style import resolve_colors
from vizkit.target import ClassBalance, TargetVisualizer, class_balance


@pytest.fixture(scope="module")
def y():
    return np.random.RandomState(0).choice([0, 1, 2], size=500, p=[0.6, 0.3, 0.1])


def bar_heights(container) -> np.ndarray:
    return np.array([patch.get_height() for patch in container])


def tick_labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_xticklabels()]


# -- numbers ---------------------------------------------------------------------


def test_balance_mode_counts_match_numpy(y):
    viz = ClassBalance().fit(y)
    classes, counts = np.unique(y, return_counts=True)
    assert viz.mode_ == "balance"
    assert_array_equal(viz.classes_, classes)
    assert_array_equal(viz.support_, counts)
    assert viz.support_.shape == (3,)


def test_compare_mode_gives_zero_to_classes_missing_from_a_split():
    y_train = np.array(["cat", "dog", "dog", "eel", "cat", "dog"])
    y_test = np.array(["dog", "fox", "fox"])
    viz = ClassBalance().fit(y_train, y_test)
    assert viz.mode_ == "compare"
    assert_array_equal(viz.classes_, ["cat", "dog", "eel", "fox"])
    assert_array_equal(viz.support_, [[2, 3, 1, 0], [0, 1, 0, 2]])
    for row, target in zip(viz.support_, (y_train, y_test)):
        classes, counts = np.unique(target, return_counts=True)
        assert_array_equal(row[np.searchsorted(viz.classes_, classes)], counts)


def test_pandas_series_input(y):
    series = pd.Series(np.array(["a", "b", "c"])[y], name="label")
    viz = ClassBalance().fit(series)
    assert_array_equal(viz.classes_, ["a", "b", "c"])
    assert_array_equal(viz.support_, series.value_counts().sort_index().to_numpy())


def test_fit_x_y_in_a_pipeline_uses_the_target():
    X, y = make_classification(n_samples=120, n_classes=3, n_informative=3,
                               random_state=0)  # fmt: skip
    pipe = Pipeline([("scale", StandardScaler()), ("viz", ClassBalance())])
    pipe.fit(X, y)
    viz = pipe.named_steps["viz"]
    assert viz.mode_ == "balance"
    assert_array_equal(viz.support_, np.bincount(y))
    assert pipe.score(X, y) == pytest.approx(1.0)


def test_score_is_overlap_of_class_proportions(y):
    viz = ClassBalance().fit(y)
    other = np.array([0, 0, 1, 1, 3])
    p = np.r_[np.bincount(y), 0] / len(y)
    q = np.array([2, 2, 0, 1]) / 5
    assert viz.score(other) == pytest.approx(np.minimum(p, q).sum())
    assert viz.score(y) == pytest.approx(1.0)
    scores = cross_val_score(ClassBalance(), np.zeros((len(y), 2)), y, cv=3)
    assert np.all((scores > 0.9) & (scores <= 1.0))
    with pytest.raises(NotFitted):
        ClassBalance().score(y)


# -- drawing ---------------------------------------------------------------------


def test_balance_bars_ticks_title_and_colors(y):
    viz = ClassBalance(labels=["a", "b", "c"], colormap="viridis").fit(y)
    ax = viz.show()
    (bars,) = viz.bars_
    assert len(ax.containers) == 1 and len(bars) == 3
    assert_allclose(bar_heights(bars), viz.support_)
    assert tick_labels(ax) == ["a", "b", "c"]
    assert ax.get_title() == "Class Balance for 500 Instances"
    assert ax.get_ylabel() == "support"
    assert ax.get_legend() is None
    expected = resolve_colors(3, colormap="viridis")
    assert [to_hex(p.get_facecolor()) for p in bars] == expected


def test_compare_bars_side_by_side_with_legend():
    y_train = np.array([0, 0, 0, 1, 1, 2])
    y_test = np.array([0, 1, 2, 2])
    viz = class_balance(y_train, y_test, show=False, colors=["red", "blue"])
    ax = viz.ax_
    train, test = viz.bars_
    assert_allclose(bar_heights(train), [3, 2, 1])
    assert_allclose(bar_heights(test), [1, 1, 2])
    assert_allclose([p.get_x() for p in test], [p.get_x() + 0.35 for p in train])
    assert train[0].get_facecolor() == to_rgba("red")
    assert test[0].get_facecolor() == to_rgba("blue")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["train", "test"]
    assert tick_labels(ax) == ["0", "1", "2"]
    assert_allclose(ax.get_xticks(), np.arange(3) + 0.35 / 2)
    assert ax.get_title() == "Class Balance for 10 Instances"


def test_quick_method_passes_color_and_colormap(y):
    viz = class_balance(y, color="purple", show=False)
    assert viz.color == "purple"
    assert {p.get_facecolor() for p in viz.bars_[0]} == {to_rgba("purple")}
    mapped = class_balance(y, colormap="plasma", show=False)
    colors = [to_hex(p.get_facecolor()) for p in mapped.bars_[0]]
    assert colors == resolve_colors(3, colormap="plasma")


@pytest.mark.parametrize("target", [[0, 1, 1], [0] * 3 + [1] * 7, [0, 1] * 400])
def test_support_axis_ticks_are_whole_counts(target):
    ax = ClassBalance().fit(np.array(target)).show()
    ticks = ax.get_yticks()
    assert len(ticks) >= 2
    assert_array_equal(ticks, np.round(ticks))


def test_short_class_names_stay_horizontal(y):
    ax = ClassBalance(labels=["a", "b", "c"]).fit(y).show()
    assert {t.get_rotation() for t in ax.get_xticklabels()} == {0}


def test_long_class_names_turn_vertical(y):
    names = [f"a rather long name for class {k}" for k in range(3)]
    ax = ClassBalance(labels=names).fit(y).show()
    assert tick_labels(ax) == names
    assert {t.get_rotation() for t in ax.get_xticklabels()} == {90}


def test_many_classes_show_every_kth_name():
    target = np.repeat(np.arange(90), 2)
    ax = ClassBalance().fit(target).show()
    shown = tick_labels(ax)
    assert 1 < len(shown) <= 40
    step = int(shown[1]) - int(shown[0])
    assert shown == [str(k) for k in range(0, 90, step)]
    assert_allclose(ax.get_xticks(), np.arange(0, 90, step))


def test_yellowbrick_examples_run_unchanged(y):
    visualizer = ClassBalance(labels=["a", "b", "c"])
    visualizer.fit(y)
    assert tick_labels(visualizer.show()) == ["a", "b", "c"]
    compare = ClassBalance()
    compare.fit(y[:400], y[400:])
    assert compare.show() is compare.ax_
    assert isinstance(compare, TargetVisualizer)


# -- errors ----------------------------------------------------------------------


def test_continuous_target_points_to_a_histogram():
    y = np.random.RandomState(0).randn(50)
    with pytest.raises(VizkitValueError, match="y_train.*histogram"):
        ClassBalance().fit(y)
    with pytest.raises(VizkitValueError, match="y_test"):
        ClassBalance().fit(np.array([0, 1, 1]), y)


def test_labels_of_the_wrong_length_are_rejected(y):
    with pytest.raises(VizkitValueError, match="labels"):
        ClassBalance(labels=["a", "b"]).fit(y)


@pytest.mark.parametrize(
    "target",
    [np.array([], dtype=int), np.array([0.0, np.nan, 1.0]),
     np.array(["a", None, "b"], dtype=object), np.array([[0, 1], [1, 0]])],
    ids=["empty", "nan", "none", "2-D"],
)  # fmt: skip
def test_bad_targets_name_y_train(target):
    with pytest.raises(VizkitValueError, match="y_train"):
        ClassBalance().fit(target)


def test_unknown_colormap_is_reported_in_fit(y):
    with pytest.raises(VizkitValueError, match="colormap"):
        ClassBalance(colormap="no-such-map").fit(y)


def test_a_classifier_pipeline_is_not_affected():
    X, y = make_classification(n_samples=60, random_state=0)
    model = LogisticRegression().fit(X, y)
    viz = ClassBalance().fit(model.predict(X), y)
    assert viz.mode_ == "compare"
    assert viz.support_.sum() == 120


def test_column_vector_targets_are_read_as_targets():
    y_train = np.array([0, 1, 1, 2, 2, 2])
    y_test = np.array([0, 1, 2])
    for train, test in [
        (y_train.reshape(-1, 1), y_test.reshape(-1, 1)),
        (y_train.reshape(-1, 1), y_test),
        (pd.DataFrame({"label": y_train}), pd.DataFrame({"label": y_test})),
    ]:
        viz = ClassBalance().fit(train, test)
        assert viz.mode_ == "compare"
        np.testing.assert_array_equal(viz.support_, [[1, 2, 3], [1, 1, 1]])
    balance = ClassBalance().fit(pd.DataFrame({"label": y_train}))
    np.testing.assert_array_equal(balance.support_, [1, 2, 3])


def test_nullable_and_polars_missing_labels_are_refused_clearly():
    import polars as pl

    for y in (
        pd.Series([1, 2, None], dtype="Int64"),
        pd.Series(["a", "b", None], dtype="string"),
        pl.Series([1, None, 2]),
        pl.Series(["a", None, "b"]),
    ):
        with pytest.raises(VizkitValueError, match="y_train contains"):
            ClassBalance().fit(y)
    viz = ClassBalance().fit(pd.Series([1, 2, 2], dtype="Int64"))
    np.testing.assert_array_equal(viz.support_, [1, 2])


def test_object_column_of_integer_labels_is_counted():
    viz = ClassBalance().fit(np.array([0, 1, 1, 2], dtype=object))
    assert_array_equal(viz.classes_, [0, 1, 2])
    assert_array_equal(viz.support_, [1, 2, 1])


def test_the_X_of_fit_X_y_is_never_read_so_any_X_is_accepted():
    tags = get_tags(ClassBalance()).input_tags
    assert tags.sparse and tags.allow_nan and tags.string
    for X in (np.full((4, 2), np.nan), sparse.csr_matrix(np.eye(4))):
        assert_array_equal(ClassBalance().fit(X, [0, 1, 1, 0]).support_, [2, 2])
