"""TrainingCurve: per-step scores against hand-written loops and the models' own."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_classification, make_regression
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression, SGDClassifier, SGDRegressor
from sklearn.metrics import accuracy_score, get_scorer, log_loss
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier

from vizkit.exceptions import VizkitError, VizkitTypeError, VizkitValueError
from vizkit.training import TrainingCurve, training_curve
from vizkit.training._epochs import supports_callbacks


@pytest.fixture(scope="module")
def data():
    return make_classification(
        n_samples=200, n_features=6, n_informative=4, n_classes=3,
        n_clusters_per_class=1, random_state=0,
    )  # fmt: skip


def hand_partial_fit(X, y, epochs, batch_size, seed):
    """The loop TrainingCurve records, written out: split, shuffle, batches, score."""
    X_tr, X_val, y_tr, y_val = train_test_split(
        X, y, test_size=0.2, stratify=y, random_state=seed
    )
    model, classes = SGDClassifier(loss="log_loss", random_state=0), np.unique(y)
    rng = np.random.RandomState(seed)
    rows = []
    for _ in range(epochs):
        order = rng.permutation(len(y_tr))
        for start in range(0, len(y_tr), batch_size):
            batch = order[start : start + batch_size]
            model.partial_fit(X_tr[batch], y_tr[batch], classes=classes)
        rows.append([
            model.score(X_tr, y_tr), model.score(X_val, y_val),
            log_loss(y_tr, model.predict_proba(X_tr), labels=classes),
            log_loss(y_val, model.predict_proba(X_val), labels=classes),
        ])  # fmt: skip
    return model, np.array(rows)


def test_partial_fit_equals_a_hand_written_loop(data):
    X, y = data
    model = SGDClassifier(loss="log_loss", random_state=0)
    viz = TrainingCurve(model, epochs=7, batch_size=32, random_state=3).fit(X, y)
    hand, rows = hand_partial_fit(X, y, 7, 32, 3)
    assert viz.strategy_ == "partial_fit"
    assert_array_equal(viz.epochs_, np.arange(1, 8))
    assert_allclose(viz.train_scores_, rows[:, 0], rtol=0, atol=1e-12)
    assert_allclose(viz.validation_scores_, rows[:, 1], rtol=0, atol=1e-12)
    assert_allclose(viz.loss_, rows[:, 2], rtol=0, atol=1e-12)
    assert_allclose(viz.validation_loss_, rows[:, 3], rtol=0, atol=1e-12)
    # The model the user keeps is the loop's model, in place.
    assert viz.estimator is model and viz.estimator_ is model
    assert_array_equal(model.coef_, hand.coef_)
    assert_array_equal(model.intercept_, hand.intercept_)
    assert viz.best_epoch_ == int(np.argmax(rows[:, 1])) + 1


def test_refit_starts_afresh_and_x_val_replaces_the_split(data):
    X, y = data
    viz = TrainingCurve(SGDClassifier(loss="log_loss", random_state=0), epochs=3,
                        shuffle=False)  # fmt: skip
    first = viz.fit(X[:150], y[:150], X_val=X[150:], y_val=y[150:]).train_scores_
    second = viz.fit(X[:150], y[:150], X_val=X[150:], y_val=y[150:]).train_scores_
    assert_array_equal(first, second)  # not three more epochs on top
    model = SGDClassifier(loss="log_loss", random_state=0)
    for _ in range(3):
        model.partial_fit(X[:150], y[:150], classes=np.unique(y))
    assert_allclose(viz.validation_scores_[-1], model.score(X[150:], y[150:]))


def test_scoring_and_regressor_loss():
    X, y = make_regression(n_samples=120, n_features=4, noise=3, random_state=0)
    viz = TrainingCurve(SGDRegressor(random_state=0), epochs=4, scoring="r2",
                        validation_fraction=None, shuffle=False).fit(X, y)  # fmt: skip
    assert viz.validation_scores_ is None and viz.validation_loss_ is None
    model = viz.estimator
    assert_allclose(viz.train_scores_[-1], model.score(X, y))
    assert_allclose(viz.loss_[-1], np.mean((model.predict(X) - y) ** 2))


def test_mlp_history_equals_its_own_record(data):
    X, y = data
    mlp = MLPClassifier((8,), max_iter=40, early_stopping=True, random_state=0)
    viz = TrainingCurve(mlp).fit(X, y)
    reference = MLPClassifier((8,), max_iter=40, early_stopping=True,
                              random_state=0).fit(X, y)  # fmt: skip
    assert viz.strategy_ == "history"
    assert_array_equal(viz.loss_, reference.loss_curve_)
    assert_array_equal(viz.validation_scores_, reference.validation_scores_)
    best = int(np.argmax(reference.validation_scores_)) + 1
    assert reference.validation_scores_[best - 1] == reference.best_validation_score_
    assert viz.best_epoch_ == best
    assert_array_equal(mlp.coefs_[0], reference.coefs_[0])


def test_staged_scores_equal_scored_staged_predictions(data):
    X, y = data
    X_tr, X_val, y_tr, y_val = X[:150], X[150:], y[:150], y[150:]
    gb = GradientBoostingClassifier(n_estimators=12, max_depth=2, random_state=0)
    viz = TrainingCurve(gb, scoring="balanced_accuracy").fit(
        X_tr, y_tr, X_val=X_val, y_val=y_val
    )
    reference = GradientBoostingClassifier(
        n_estimators=12, max_depth=2, random_state=0
    ).fit(X_tr, y_tr)
    scorer = get_scorer("balanced_accuracy")._score_func
    assert viz.strategy_ == "staged"
    expected = [scorer(y_val, p) for p in reference.staged_predict(X_val)]
    assert_allclose(viz.validation_scores_, expected, rtol=0, atol=1e-12)
    expected = [scorer(y_tr, p) for p in reference.staged_predict(X_tr)]
    assert_allclose(viz.train_scores_, expected, rtol=0, atol=1e-12)
    assert_allclose(viz.loss_, reference.train_score_)  # its own training loss
    val_loss = [log_loss(y_val, p) for p in reference.staged_predict_proba(X_val)]
    assert_allclose(viz.validation_loss_, val_loss, rtol=0, atol=1e-12)


def test_prefit_boosting_is_read_not_refitted(data):
    X, y = data
    gb = GradientBoostingClassifier(n_estimators=5, random_state=0).fit(X, y)
    before = gb.train_score_.copy()
    viz = TrainingCurve(gb).fit(X, y)
    assert viz.strategy_ == "history" and viz.estimator_ is gb
    assert_array_equal(viz.loss_, before)


def test_warm_start_forest_grows_one_tree_per_iteration(data):
    X, y = data
    viz = TrainingCurve(RandomForestClassifier(n_estimators=4, random_state=0),
                        validation_fraction=None).fit(X, y)  # fmt: skip
    assert viz.strategy_ == "warm_start"
    for k in (1, 4):
        forest = RandomForestClassifier(n_estimators=k, random_state=0).fit(X, y)
        assert_allclose(viz.train_scores_[k - 1], accuracy_score(y, forest.predict(X)))
    assert viz.estimator.get_params()["warm_start"] is False
    assert len(viz.estimator.estimators_) == 4


@pytest.mark.skipif(
    not supports_callbacks(LogisticRegression()), reason="scikit-learn < 1.9"
)
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_callback_monitor_scores_every_iteration(data):
    X, y = data
    viz = TrainingCurve(LogisticRegression(max_iter=15),
                        validation_fraction=None).fit(X, y)  # fmt: skip
    assert viz.strategy_ == "callback"
    assert len(viz.epochs_) == viz.estimator.n_iter_[0]
    assert_allclose(viz.train_scores_[-1], viz.estimator.score(X, y))


def test_unsupported_model_and_bad_options_are_clear(data):
    X, y = data
    with pytest.raises(VizkitTypeError, match="partial_fit.*warm_start.*staged"):
        TrainingCurve(KNeighborsClassifier()).fit(X, y)
    with pytest.raises(VizkitTypeError, match="strategy='staged'"):
        TrainingCurve(SGDClassifier(), strategy="staged").fit(X, y)
    with pytest.raises(VizkitValueError, match="validation_fraction"):
        TrainingCurve(SGDClassifier(), validation_fraction=1.5).fit(X, y)
    with pytest.raises(VizkitValueError, match="scoring"):
        TrainingCurve(MLPClassifier(max_iter=2), scoring="f1_macro").fit(X, y)
    with pytest.raises(VizkitValueError, match="X_val and y_val"):
        TrainingCurve(SGDClassifier()).fit(X, y, X_val=X)
    with pytest.raises(VizkitError, match="y"):
        TrainingCurve(SGDClassifier()).fit(X, np.zeros(len(y)))


def test_drawn_lines_and_best_epoch_marker(data):
    X, y = data
    viz = training_curve(
        SGDClassifier(loss="log_loss", random_state=0), X, y, epochs=5,
        random_state=0, show=False,
    )  # fmt: skip
    assert set(viz.lines_) == {
        "train_scores", "validation_scores", "loss", "validation_loss"
    }  # fmt: skip
    assert_allclose(viz.lines_["validation_scores"].get_ydata(), viz.validation_scores_)
    assert viz.lines_["loss"].axes is viz.loss_ax_ is not viz.ax_
    assert viz.best_line_.get_xdata()[0] == viz.best_epoch_
    labels = [t.get_text() for t in viz.legend_.get_texts()]
    assert f"best epoch ({viz.best_epoch_})" in labels
    viz.set_params(curves="score").plot()
    assert set(viz.lines_) == {"train_scores", "validation_scores"}
    assert viz.loss_ax_ is None
    plt.close("all")
