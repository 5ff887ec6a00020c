"""How much each layer of a network changes per epoch, relative to its size.

:class:`UpdateRatio` trains a scikit-learn perceptron epoch by epoch (see
:mod:`vizkit.training._mlp`) and divides, per layer, the Frobenius norm of
the change of its weights over an epoch by the norm of the weights before
it: ``|W_e - W_(e-1)| / |W_(e-1)|``. It is the gradient-health signal that
the public ``coefs_`` give away: a layer whose ratio sinks towards 1e-6 has
stopped learning (vanishing updates, or a learning rate far too low); one
near 1 rewrites itself every epoch (exploding updates, or a learning rate
far too high).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.exceptions import VizkitValueError
from vizkit.registry import TRAINING, declare
from vizkit.style import LINE_COLOR, resolve_colors
from vizkit.training._mlp import MLPVisualizer, Training
from vizkit.utils.docs import common_params

#: The band drawn around ``reference`` reaches this factor above and below it.
BAND_FACTOR = 10**0.5

# -- computations (arrays in, arrays out) -----------------------------------------


def layer_norms(history: list[list[np.ndarray]]) -> np.ndarray:
    """Frobenius norm of each layer after each epoch: (n_layers, n_epochs)."""
    return np.array([[np.linalg.norm(layer) for layer in epoch] for epoch in history]).T


def update_norms(history: list[list[np.ndarray]]) -> np.ndarray:
    """Frobenius norm of each layer's change per epoch: (n_layers, n_epochs - 1)."""
    return np.array([
        [np.linalg.norm(after - before) for before, after in zip(old, new)]
        for old, new in zip(history[:-1], history[1:])
    ]).T  # fmt: skip


def update_ratios(history: list[list[np.ndarray]]) -> np.ndarray:
    """``|W_e - W_(e-1)| / |W_(e-1)|`` per layer and epoch e >= 2.

    NaN where the weights before the update are all zero.
    """
    before = layer_norms(history)[:, :-1]
    changes = update_norms(history)
    ratios = np.full_like(changes, np.nan)
    np.divide(changes, before, out=ratios, where=before > 0)
    return ratios


# -- the visualizer -----------------------------------------------------------------


@common_params
class UpdateRatio(MLPVisualizer):
    """Per-layer size of each epoch's weight update, relative to the weights.

    ``fit`` trains the perceptron one epoch at a time (one ``partial_fit``
    call each) and keeps ``coefs_`` after every epoch. For each layer and
    each epoch from the second on, the ratio of the Frobenius norm of the
    change of the layer's weights over the epoch to the norm of the weights
    before it is drawn as a line per layer on a log axis. (scikit-learn's
    ``partial_fit`` initializes and trains in one call, so the first state
    recorded is after epoch 1, and the first ratio is epoch 2's.)

    A dashed line marks ``reference``, by default 1e-3, in a band half a
    decade either side: the usual rule of thumb wants the update of a
    weight matrix near a thousandth of it. The rule is stated for a single
    gradient step; an epoch makes one step per mini-batch, so its ratio can
    be up to that many times larger while every step is healthy. Read the
    band as a guide, and the trends as the signal: ratios that fall by
    decades (vanishing updates) or climb towards 1 (exploding ones).

    Parameters
    ----------
    {common: mlp_estimator, ax}
    epochs : int, default=None
        How many epochs to train (at least 2); None takes the model's
        ``max_iter``.
    reference : float or None, default=0.001
        Where the dashed reference line and its band are drawn; None draws
        neither.
    colors : list of colors or palette name, default=None
        One colour per layer; None takes the colour cycle.
    {common: fig, is_fitted, title, size}

    Attributes
    ----------
    epochs_ : ndarray of shape (n_epochs - 1,)
        The epochs of the ratios: 2, 3, ..., the last.
    layer_names_ : ndarray of str of shape (n_layers,)
        "hidden 1", ..., "output" (the layer each weight matrix feeds).
    update_ratios_ : ndarray of shape (n_layers, n_epochs - 1)
        ``update_norms_`` over the norm of the weights before the update
        (NaN for an all-zero layer).
    update_norms_ : ndarray of shape (n_layers, n_epochs - 1)
        The Frobenius norm of each layer's change over each epoch.
    weight_norms_ : ndarray of shape (n_layers, n_epochs)
        The Frobenius norm of each layer's ``coefs_`` after each epoch,
        from epoch 1.
    loss_curve_ : ndarray of shape (n_epochs,)
        The training loss of each epoch (the model's ``loss_curve_``).
    lines_ : list of matplotlib Line2D
        One line per layer.

    Examples
    --------
    >>> from sklearn.neural_network import MLPClassifier
    >>> from vizkit.training import UpdateRatio
    >>> viz = UpdateRatio(MLPClassifier((32, 16), random_state=0), epochs=30)
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.update_ratios_[:, -1]  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "reference": P.number(0, none=True, draw=True),
        "colors": P.colors(),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        epochs=None,
        reference=0.001,
        colors=None,
        fig=None,
        is_fitted="auto",
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.epochs = epochs
        self.reference = reference
        self.colors = colors
        self.fig = fig
        self.is_fitted = is_fitted
        self.title = title
        self.size = size

    def _compute(self, training: Training, X: Any) -> None:
        if len(training.coefs) < 2:
            raise VizkitValueError(
                "UpdateRatio needs at least 2 epochs to measure an update, but the "
                f"model was trained for {len(training.coefs)}; pass epochs=2 or more."
            )
        self.epochs_ = self.epochs_[1:]
        self.weight_norms_ = layer_norms(training.coefs)
        self.update_norms_ = update_norms(training.coefs)
        self.update_ratios_ = update_ratios(training.coefs)

    def draw(self) -> None:
        """A line per layer on a log axis, over the reference band."""
        if self.reference is not None:
            low, high = self.reference / BAND_FACTOR, self.reference * BAND_FACTOR
            self.ax_.axhspan(low, high, color=LINE_COLOR, alpha=0.08, lw=0)
            self.ax_.axhline(self.reference, color=LINE_COLOR, ls="--", lw=1)
        colors = resolve_colors(len(self.layer_names_), colors=self.colors)
        self.lines_ = [
            self.ax_.plot(self.epochs_, ratios, marker=".", color=color, label=name)[0]
            for ratios, color, name in zip(
                self.update_ratios_, colors, self.layer_names_
            )
        ]

    def finalize(self):
        """Title, log axis, labels, legend."""
        from matplotlib.ticker import MaxNLocator

        self.ax_.set_yscale("log")
        self.ax_.xaxis.set_major_locator(MaxNLocator(integer=True))
        self.ax_.set_xlabel("epoch")
        self.ax_.set_ylabel("|ΔW| / |W| per epoch")
        self.ax_.legend(loc="best", fontsize="small")
        self.set_title(f"Update Ratio of {self.name}")
        return self.ax_


update_ratio = declare(
    UpdateRatio, kind=TRAINING, quick="update_ratio", example=examples.mlp
)
