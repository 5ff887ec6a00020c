"""UpdateRatio: norms of the epoch-to-epoch change of coefs_, computed by hand."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_classification
from sklearn.neural_network import MLPClassifier

from vizkit.exceptions import VizkitValueError
from vizkit.training import UpdateRatio, update_ratio
from vizkit.training.update_ratio import update_ratios


@pytest.fixture(scope="module")
def data():
    return make_classification(n_samples=120, n_features=5, random_state=0)


def model():
    return MLPClassifier((6, 4), max_iter=5, learning_rate_init=0.01, random_state=0)


def test_ratios_equal_norms_computed_by_hand(data):
    X, y = data
    viz = UpdateRatio(model()).fit(X, y)
    reference, coefs = model(), []
    for epoch in range(5):
        reference.partial_fit(X, y, **({"classes": np.unique(y)} if epoch == 0 else {}))
        coefs.append([c.copy() for c in reference.coefs_])
    assert_array_equal(viz.epochs_, [2, 3, 4, 5])
    assert viz.update_ratios_.shape == (3, 4)
    for layer in range(3):
        for e in range(1, 5):
            before, after = coefs[e - 1][layer], coefs[e][layer]
            change = np.sqrt(np.sum((after - before) ** 2))
            size = np.sqrt(np.sum(before**2))
            assert_allclose(viz.update_norms_[layer, e - 1], change)
            assert_allclose(viz.update_ratios_[layer, e - 1], change / size)
        assert_allclose(
            viz.weight_norms_[layer], [np.linalg.norm(c[layer]) for c in coefs]
        )


def test_an_all_zero_layer_has_no_ratio():
    history = [[np.zeros((2, 2)), np.ones(3)], [np.ones((2, 2)), 2 * np.ones(3)]]
    ratios = update_ratios(history)
    assert np.isnan(ratios[0, 0]) and ratios[1, 0] == pytest.approx(1.0)


def test_a_line_per_layer_on_a_log_axis_over_the_reference_band(data):
    X, y = data
    viz = update_ratio(model(), X, y, show=False)
    assert viz.ax_.get_yscale() == "log"
    assert len(viz.lines_) == 3
    for line, ratios, name in zip(viz.lines_, viz.update_ratios_, viz.layer_names_):
        assert_array_equal(line.get_xdata(), viz.epochs_)
        assert_allclose(line.get_ydata(), ratios)
        assert line.get_label() == name
    reference = [ln for ln in viz.ax_.lines if ln not in viz.lines_]
    assert len(reference) == 1 and reference[0].get_ydata()[0] == 1e-3
    assert len(viz.ax_.patches) == 1  # the band
    viz.set_params(reference=None)
    viz.plot()
    assert list(viz.ax_.lines) == viz.lines_ and len(viz.ax_.patches) == 0


def test_one_epoch_gives_no_update_to_measure(data):
    X, y = data
    with pytest.raises(VizkitValueError, match="epochs=2 or more"):
        UpdateRatio(model(), epochs=1).fit(X, y)
