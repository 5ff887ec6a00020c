"""The protocol itself: lifecycle, figure ownership, grids, Yellowbrick spellings."""

import pickle

import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.utils import get_tags

from vizkit.base import ModelVisualizer, ScoreVisualizer, Visualizer, VisualizerGrid
from vizkit.classifier import ROCAUC, ConfusionMatrix, confusion_matrix
from vizkit.exceptions import (
    NotFitted,
    VizkitAttributeError,
    VizkitDeprecationWarning,
    VizkitValueError,
)


class Dots(Visualizer):
    """A minimal visualizer: fit stores the column means, draw plots them."""

    def fit(self, X, y=None):
        self.means_ = np.asarray(X).mean(axis=0)
        return self

    def draw(self):
        (self.line_,) = self.ax_.plot(self.means_, "o")

    def finalize(self):
        self.set_title("Means")
        return self.ax_


@pytest.fixture
def data():
    return make_classification(
        n_samples=120, n_classes=3, n_informative=3, random_state=1
    )


def test_fit_draws_nothing_and_show_draws_on_own_figure(data):
    X, _ = data
    viz = Dots().fit(X)
    assert plt.get_fignums() == []
    viz.show()
    assert plt.get_fignums() == [viz.fig_.number]
    np.testing.assert_allclose(viz.line_.get_ydata(), X.mean(axis=0))
    assert viz.ax_.get_title() == "Means"


def test_the_figure_the_user_just_made_is_drawn_on(data, tmp_path):
    X, _ = data
    fig, ax = plt.subplots(figsize=(3, 2))
    viz = Dots().fit(X)
    viz.show(outpath=tmp_path / "a.png")
    assert viz.ax_ is ax
    assert plt.get_fignums() == [fig.number]  # the user's figure stays open
    user_fig = plt.figure(figsize=(4, 3))  # no Axes yet
    Dots().fit(X).show()
    assert plt.gcf() is user_fig and len(user_fig.axes) == 1


def test_a_figure_holding_a_plot_is_never_drawn_over(data):
    X, _ = data
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    viz = Dots().fit(X)
    viz.show()
    assert viz.fig_ is not fig and len(ax.lines) == 1


def test_finalize_draws_first_as_yellowbrick_users_call_it(data, tmp_path):
    X, _ = data
    fig, (left, right) = plt.subplots(1, 2)
    first, second = Dots(ax=left).fit(X), Dots(ax=right).fit(X)
    assert first.finalize() is left
    second.finalize()
    assert left.lines and right.lines
    assert first.finalize() is left and len(left.lines) == 1  # decorates only
    alone = Dots().fit(X)
    alone.finalize()  # on its own figure, which pyplot's savefig finds
    assert plt.gcf() is alone.fig_
    plt.savefig(tmp_path / "alone.png")


def test_user_title_wins_and_size_is_in_pixels(data):
    X, _ = data
    viz = Dots(title="Mine", size=(640, 320)).fit(X)
    viz.plot()
    assert viz.ax_.get_title() == "Mine"
    np.testing.assert_allclose(viz.fig_.get_size_inches() * viz.fig_.dpi, (640, 320))


def test_redrawing_closes_the_previous_own_figure(data):
    X, _ = data
    viz = Dots().fit(X)
    viz.show()
    viz.show()
    assert plt.get_fignums() == [viz.fig_.number]


def test_draw_error_closes_the_half_drawn_figure(data):
    class Broken(Dots):
        def draw(self):
            self.ax_.plot([0, 1])
            raise RuntimeError("boom")

    viz = Broken().fit(data[0])
    with pytest.raises(RuntimeError):
        viz.show()
    assert plt.get_fignums() == []


def test_poof_warns_and_shows(data, tmp_path):
    viz = Dots().fit(data[0])
    with pytest.warns(VizkitDeprecationWarning, match="show"):
        viz.poof(outpath=tmp_path / "p.png")
    assert (tmp_path / "p.png").exists()


def test_model_visualizer_proxies_public_attributes_only(data):
    X, y = data
    viz = ModelVisualizer(LogisticRegression()).fit(X, y)
    np.testing.assert_array_equal(viz.predict(X), viz.estimator.predict(X))
    assert viz.name == "LogisticRegression"
    assert not hasattr(viz, "coef_")  # fitted state stays the model's
    with pytest.raises(VizkitAttributeError, match="no_such_thing"):
        _ = viz.no_such_thing


def test_is_fitted_decides_refitting(data):
    X, y = data
    model = LogisticRegression().fit(X, y)
    coef = model.coef_.copy()
    ModelVisualizer(model, is_fitted=True).fit(X[:30], y[:30])
    np.testing.assert_array_equal(model.coef_, coef)
    ModelVisualizer(model, is_fitted=False).fit(X[:60], y[:60])
    assert not np.array_equal(model.coef_, coef)
    with pytest.raises(VizkitValueError, match="is_fitted"):
        ModelVisualizer(model, is_fitted="maybe").fit(X, y)


def test_score_quick_method_requires_both_test_arrays(data):
    X, y = data
    with pytest.raises(VizkitValueError, match="X_test and y_test"):
        confusion_matrix(LogisticRegression(), X, y, X_test=X, show=False)


def test_grid_draws_each_visualizer_on_its_own_axes(data, tmp_path):
    X, y = data
    grid = VisualizerGrid(
        [ConfusionMatrix(LogisticRegression()), ROCAUC(LogisticRegression())],
        ncols=2,
        title="Two views",
    )
    given = grid.visualizers[0]
    grid.fit(X, y)
    scores = grid.score(X, y)
    assert len(scores) == 2
    assert not hasattr(given, "confusion_matrix_")  # the user's object is untouched
    assert plt.get_fignums() == []
    grid.show(outpath=tmp_path / "grid.png")
    assert grid.axarr_.shape == (1, 2)
    assert grid.visualizers_[1].ax_ is grid.axarr_[0, 1]
    assert plt.get_fignums() == []


def test_grid_rejects_both_rows_and_columns(data):
    with pytest.raises(VizkitValueError, match="nrows and ncols"):
        VisualizerGrid([Dots()], nrows=1, ncols=1).fit(*data)


def test_score_visualizer_needs_a_fitted_model(data):
    X, y = data
    with pytest.raises(NotFitted):
        ConfusionMatrix.from_estimator(LogisticRegression(), X, y)


def test_regressor_is_not_a_classifier_visualizer(data):
    from vizkit.exceptions import ModelError

    X, y = data
    with pytest.raises(ModelError, match="estimator"):
        ConfusionMatrix(LinearRegression()).fit(X, y)


def test_fig_parameter_draws_on_that_figure_once(data):
    fig = plt.figure()
    viz = Dots(fig=fig).fit(data[0])
    viz.show()
    viz.show()
    assert viz.fig_ is fig and len(fig.axes) == 1
    assert plt.get_fignums() == [fig.number]


def test_is_fitted_true_on_an_unfitted_model_names_the_model(data):
    from sklearn.linear_model import Ridge

    from vizkit.regressor import ResidualsPlot

    X, y = data
    with pytest.raises(NotFitted, match="estimator Ridge is not fitted"):
        ResidualsPlot(Ridge(), is_fitted=True).fit(X, y.astype(float))


def test_from_estimator_names_the_unfitted_model(data):
    X, y = data
    with pytest.raises(NotFitted, match="estimator LogisticRegression is not fitted"):
        ROCAUC.from_estimator(LogisticRegression(), X, y)
    model = LogisticRegression(max_iter=500).fit(X, y)
    viz = ROCAUC.from_estimator(model, X, y, is_fitted=True)  # no TypeError
    assert viz.score_ > 0.5


def test_model_errors_keep_their_type_and_name_the_visualizer(data):
    X, y = data
    bad = X.copy()
    bad[0, 0] = np.nan
    with pytest.raises(ValueError, match=r"^ConfusionMatrix: LogisticRegression.fit"):
        ConfusionMatrix(LogisticRegression()).fit(bad, y)


def test_messages_show_plain_python_values():
    from vizkit.utils.labels import encode_target

    with pytest.raises(VizkitValueError) as raised:
        encode_target(np.array([0, 7]), np.array([0, 1]))
    assert "np.int64" not in str(raised.value) and "class 7 " in str(raised.value)


class _FakeDisplay:
    def __init__(self):
        self.shown = []

    def __call__(self, obj):
        self.shown.append(obj)


def test_inline_backend_displays_the_figure_once(data, tmp_path, monkeypatch):
    import sys
    import types

    import vizkit.figures as figures

    display = _FakeDisplay()
    fake_ipython = types.ModuleType("IPython.display")
    fake_ipython.display = display
    monkeypatch.setitem(sys.modules, "IPython.display", fake_ipython)
    monkeypatch.setattr(figures, "inline_backend", lambda: True)
    X, _ = data
    viz = Dots().fit(X)
    viz.show(outpath=tmp_path / "saved.png")  # saved and also shown, as Yellowbrick
    other = Dots().fit(X)
    other.show()
    assert display.shown == [viz.fig_, other.fig_]
    assert plt.get_fignums() == []  # the cell's end will not show them again


def test_show_displays_only_its_own_figure(data, monkeypatch):
    import vizkit.figures as figures

    shown = []
    monkeypatch.setattr(figures, "display", shown.append)
    X, _ = data
    first = Dots().fit(X)
    first.plot()
    second = Dots().fit(X)
    second.show()
    assert shown == [second.fig_]


def test_a_model_fitted_by_fit_is_refitted_by_the_next_fit(data):
    X, y = data
    model = LogisticRegression()
    viz = ModelVisualizer(model).fit(X[:60], y[:60])
    first = model.coef_.copy()
    viz.fit(X[60:], y[60:])  # as any estimator's fit, it starts afresh
    assert not np.array_equal(model.coef_, first)
    copied = pickle.loads(pickle.dumps(viz))
    copied.fit(X[:60], y[:60])
    np.testing.assert_allclose(copied.estimator.coef_, first)
    prefit = LogisticRegression().fit(X, y)
    coef = prefit.coef_.copy()
    viz.set_params(estimator=prefit).fit(X[:30], y[:30])  # given fitted: kept
    ModelVisualizer(prefit).fit(X[:30], y[:30]).fit(X[30:60], y[30:60])
    np.testing.assert_array_equal(prefit.coef_, coef)


def test_array_likes_that_only_convert_to_arrays_record_their_shape(data):
    X, y = data

    class OnlyArray:
        def __array__(self, dtype=None, copy=None):
            return X

    viz = ModelVisualizer(LogisticRegression())
    viz._check_fit_data(OnlyArray(), y)
    assert viz.n_features_in_ == X.shape[1]


def test_score_visualizers_draw_a_single_output_target():
    assert get_tags(Ridge()).target_tags.multi_output
    tags = get_tags(ScoreVisualizer(Ridge()))
    assert tags.estimator_type == "regressor"
    assert tags.target_tags.single_output and not tags.target_tags.multi_output
