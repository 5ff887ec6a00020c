"""The structure of a multi-layer perceptron: its layers, units and weights.

:class:`NetworkStructure` draws a fitted ``MLPClassifier`` or ``MLPRegressor``
as a node-link diagram: a column of units per layer (input, hidden...,
output), an edge per weight, its colour the weight's sign and size on a
diverging colormap centred at zero and its width proportional to its
absolute value; each unit after the input is filled with the colour of its
bias. A layer wider than ``max_units`` is summarised: its first and last
units are drawn, with an ellipsis between them, and the weights of the units
left out are not drawn (so every drawn edge is one real weight, never an
average). All edges are one ``LineCollection`` and all units one scatter, so
a wide network draws as fast as a small one.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import is_classifier

from vizkit import examples
from vizkit import params as P
from vizkit.base import ModelScoredVisualizer
from vizkit.exceptions import VizkitValueError
from vizkit.model_selection.importances import feature_labels
from vizkit.registry import TRAINING, declare
from vizkit.style import LINE_COLOR, get_colormap
from vizkit.training._mlp import check_mlp
from vizkit.utils.docs import common_params
from vizkit.utils.pipeline import final_step
from vizkit.utils.validation import check_classes

#: Width in points of the edge of the largest absolute weight, and of weight 0.
MAX_LINEWIDTH = 3.0
MIN_LINEWIDTH = 0.3
#: Node fill of the input units, which have no bias.
INPUT_COLOR = "#f0f0f0"
#: Vertical distance between two drawn units of a layer.
UNIT_SPACING = 1.0

# -- which models ------------------------------------------------------------------


# -- computations (arrays in, arrays out) ------------------------------------------


def shown_units(n_units: int, max_units: int) -> np.ndarray:
    """The indices of the units drawn for a layer of ``n_units``.

    All of them up to ``max_units``; above, the first ``ceil((max_units-1)/2)``
    and the last ``floor((max_units-1)/2)``, one slot being left for the
    ellipsis, so a summarised layer takes ``max_units`` slots.
    """
    if n_units <= max_units:
        return np.arange(n_units)
    head = max_units // 2
    tail = max_units - 1 - head
    return np.concatenate([np.arange(head), np.arange(n_units - tail, n_units)])


def unit_slots(n_units: int, shown: np.ndarray) -> tuple[np.ndarray, float | None]:
    """Vertical positions of the shown units (top first) and of the ellipsis.

    The layer is centred on 0; a summarised layer keeps a slot between its
    first and last units for the ellipsis (None when nothing is left out).
    """
    summarised = len(shown) < n_units
    n_slots = len(shown) + summarised
    slots = (np.arange(n_slots)[::-1] - (n_slots - 1) / 2) * UNIT_SPACING
    if not summarised:
        return slots, None
    gap = int(np.searchsorted(shown, n_units // 2 + 0.5))  # units before the gap
    return np.delete(slots, gap), float(slots[gap])


def edge_list(
    coefs: list[np.ndarray], shown: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """The drawn weights, as (layer, from unit, to unit) rows and their values.

    Layer ``k``'s edges join shown units of layer ``k`` to shown units of
    layer ``k + 1``, in row-major order of ``coefs[k]`` restricted to them.
    """
    rows, weights = [], []
    for layer, coef in enumerate(coefs):
        source, target = np.meshgrid(shown[layer], shown[layer + 1], indexing="ij")
        source, target = source.ravel(), target.ravel()
        rows.append(np.column_stack([np.full(len(source), layer), source, target]))
        weights.append(coef[source, target])
    return np.concatenate(rows), np.concatenate(weights)


def weight_limit(weights: np.ndarray, biases: list[np.ndarray]) -> float:
    """The largest absolute drawn weight or bias: the colormap spans +/- it."""
    values = np.concatenate([np.abs(weights), *(np.abs(b) for b in biases)])
    largest = float(values.max()) if values.size else 0.0
    return largest if largest > 0 else 1.0


def edge_widths(weights: np.ndarray, limit: float, widest: float) -> np.ndarray:
    """Line widths growing linearly with |weight|, from MIN_LINEWIDTH to ``widest``."""
    return MIN_LINEWIDTH + (widest - MIN_LINEWIDTH) * np.abs(weights) / limit


def output_names(classes: list[str] | None, n_outputs: int) -> list[str]:
    """Names of the output units: the classes, or the targets of a regressor.

    A binary classifier has one logistic output unit, the probability of its
    second class.
    """
    if classes is None:
        if n_outputs == 1:
            return ["prediction"]
        return [f"output {i}" for i in range(n_outputs)]
    if n_outputs == 1 and len(classes) == 2:
        return [f"P({classes[1]})"]
    return list(classes[:n_outputs])


# -- the visualizer ----------------------------------------------------------------


@common_params
class NetworkStructure(ModelScoredVisualizer):
    """A multi-layer perceptron's layers, units and weights as a node-link diagram.

    One column of units per layer, input on the left, output on the right;
    an edge per weight, coloured by its value on a diverging colormap centred
    at 0 (``cmap``) and as wide as its absolute value; units after the input
    filled with the colour of their bias on the same scale (the colorbar).
    The input units are labelled with the feature names, the output units
    with the classes (a binary classifier has one output unit, the
    probability of the second class) or the targets. A layer of more than
    ``max_units`` units is summarised: its first and last units are drawn
    with an ellipsis between them, and the weights to and from the units
    left out are not drawn (so each drawn edge is one real weight).

    Parameters
    ----------
    estimator : MLPClassifier, MLPRegressor or Pipeline ending in one
        The network; ``fit`` fits it in place when it is not fitted yet (see
        ``is_fitted``). Other models are refused before any fitting.
    {common: ax}
    max_units : int, default=12
        The most units drawn per layer (at least 3); wider layers are
        summarised by their first and last units and an ellipsis.
    feature_names : list of str, default=None
        Names of the input units, one per feature the network sees. None
        takes them from the Pipeline's steps, the DataFrame's columns or the
        model; else ``x0, x1, ...``.
    class_names : list of str, default=None
        Names of the classes, in the order of the model's ``classes_``, for
        the output units. None uses the class values.
    cmap : str or Colormap, default="RdBu_r"
        A diverging colormap for weights and biases, its centre at 0.
    max_linewidth : float, default=3.0
        The width in points of the edge of the largest absolute weight.
    {common: fig, is_fitted, title, size}

    Attributes
    ----------
    layer_sizes_ : list of int
        The number of units of each layer, input to output.
    coefs_ : list of ndarray
        The weights between consecutive layers (copies of the model's
        ``coefs_``); ``coefs_[k][i, j]`` joins unit ``i`` of layer ``k`` to
        unit ``j`` of layer ``k + 1``.
    intercepts_ : list of ndarray
        The biases of the units of each layer after the input.
    shown_units_ : list of ndarray of int
        Per layer, the indices of the drawn units.
    edge_units_ : ndarray of shape (n_edges, 3)
        Per drawn edge, (layer, unit in that layer, unit in the next), in the
        order of the edges in ``edges_``.
    edge_weights_ : ndarray of shape (n_edges,)
        The weight of each drawn edge, in the same order.
    feature_names_ : ndarray of str
        The names of the input units.
    output_names_ : list of str
        The names of the output units from the class values (``P(<class>)``
        for a binary classifier's one unit) or, for a regressor,
        "prediction" or "output <i>"; ``class_names`` renames them in the
        plot.
    edges_ : matplotlib LineCollection
        The drawn edges (one artist).
    nodes_ : matplotlib PathCollection
        The drawn units (one scatter).
    colorbar_ : matplotlib Colorbar
        The colour scale of weights and biases.

    Examples
    --------
    >>> from sklearn.neural_network import MLPClassifier
    >>> from vizkit.training import NetworkStructure
    >>> viz = NetworkStructure(MLPClassifier(hidden_layer_sizes=(8, 4)))
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "max_units": P.number(3, integer=True),
        "feature_names": P.anything(),
        "class_names": P.anything(draw=True),
        "cmap": P.colormap(),
        "max_linewidth": P.number(MIN_LINEWIDTH, draw=True),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        max_units=12,
        feature_names=None,
        class_names=None,
        cmap="RdBu_r",
        max_linewidth=MAX_LINEWIDTH,
        fig=None,
        is_fitted="auto",
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.max_units = max_units
        self.feature_names = feature_names
        self.class_names = class_names
        self.cmap = cmap
        self.max_linewidth = max_linewidth
        self.fig = fig
        self.is_fitted = is_fitted
        self.title = title
        self.size = size

    _one_target = True  # one target per plot: fit refuses a multi-output y

    # -- compute -------------------------------------------------------------------

    def fit(self, X, y=None, **kwargs):
        """Fit the network (unless it is fitted) and read its layers and weights.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The training data, as the model (or Pipeline) takes it.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            The training target.
        **kwargs
            Passed to the model's ``fit``.

        Returns
        -------
        self
        """
        check_mlp(self.estimator, type(self).__name__)
        target = self._check_fit_data(X, y)  # y itself goes to the model as given
        if is_classifier(self.estimator) and target is not None:
            check_classes(np.unique(target))  # MLPClassifier fits one class silently
        self._fit_estimator(X, y, **kwargs)
        model = final_step(self.estimator)
        self.coefs_ = [np.array(c, dtype=np.float64) for c in model.coefs_]
        self.intercepts_ = [np.array(b, dtype=np.float64) for b in model.intercepts_]
        self.layer_sizes_ = [self.coefs_[0].shape[0]] + [
            c.shape[1] for c in self.coefs_
        ]
        self.shown_units_ = [shown_units(n, self.max_units) for n in self.layer_sizes_]
        self.edge_units_, self.edge_weights_ = edge_list(self.coefs_, self.shown_units_)
        self.feature_names_ = feature_labels(
            self.estimator, X, self.feature_names, self.layer_sizes_[0]
        )
        self._activations = (model.activation, model.out_activation_)
        self.classes_ = np.asarray(model.classes_) if is_classifier(model) else None
        classes = None if self.classes_ is None else [str(c) for c in self.classes_]
        self.output_names_ = output_names(classes, self.layer_sizes_[-1])
        return self

    def _output_labels(self) -> list[str]:
        """The drawn names of the output units: ``class_names`` if given."""
        if self.class_names is None or self.classes_ is None:
            return self.output_names_
        names = [str(c) for c in self.class_names]
        if len(names) != len(self.classes_):
            raise VizkitValueError(
                f"class_names has {len(names)} names but the model has "
                f"{len(self.classes_)} classes; give one name per class."
            )
        return output_names(names, self.layer_sizes_[-1])

    # -- draw ----------------------------------------------------------------------

    def _layout(self) -> tuple[list[np.ndarray], list[float | None]]:
        """Per layer, the heights of the drawn units and of the ellipsis."""
        slots = [unit_slots(n, s) for n, s in zip(self.layer_sizes_, self.shown_units_)]
        return [s[0] for s in slots], [s[1] for s in slots]

    def draw(self) -> None:
        """Edges as one LineCollection, units as one scatter, labels beside them."""
        from matplotlib.collections import LineCollection
        from matplotlib.colors import Normalize

        heights, ellipses = self._layout()
        cmap = get_colormap(self.cmap, "cmap")
        limit = weight_limit(self.edge_weights_, self.intercepts_)
        norm = Normalize(-limit, limit)
        segments = self._segments(heights)
        self.edges_ = LineCollection(
            list(segments), colors=cmap(norm(self.edge_weights_)),
            linewidths=edge_widths(self.edge_weights_, limit, self.max_linewidth),
            zorder=1, capstyle="round",
        )  # fmt: skip
        self.ax_.add_collection(self.edges_)
        self.nodes_ = self._draw_units(heights, cmap, norm)
        for layer, height in enumerate(ellipses):
            if height is not None:
                self.ax_.text(layer, height, "⋮", ha="center", va="center",
                              fontsize=14, color=LINE_COLOR)  # fmt: skip
        self._label_units(heights)
        from matplotlib.cm import ScalarMappable

        self.colorbar_ = self.fig_.colorbar(
            ScalarMappable(norm=norm, cmap=cmap), ax=self.ax_, fraction=0.04, pad=0.02
        )
        self.colorbar_.set_label("weight / bias")

    def _segments(self, heights: list[np.ndarray]) -> np.ndarray:
        """(n_edges, 2, 2) end points of the edges, in ``edge_units_`` order."""
        # Per layer, the height of every unit (NaN for the units not drawn).
        unit_heights = []
        for n_units, shown, height in zip(
            self.layer_sizes_, self.shown_units_, heights
        ):
            full = np.full(n_units, np.nan)
            full[shown] = height
            unit_heights.append(full)
        layer, source, target = self.edge_units_.T
        y0, y1 = np.empty(len(layer)), np.empty(len(layer))
        for k in range(len(self.coefs_)):
            here = layer == k
            y0[here] = unit_heights[k][source[here]]
            y1[here] = unit_heights[k + 1][target[here]]
        start = np.column_stack([layer, y0])
        end = np.column_stack([layer + 1, y1])
        return np.stack([start, end], axis=1).astype(np.float64)

    def _draw_units(self, heights, cmap, norm):
        """One scatter: input units plain, the others filled by their bias."""
        xs = np.concatenate([np.full(len(h), k) for k, h in enumerate(heights)])
        colors = [INPUT_COLOR] * len(heights[0])
        for layer, bias in enumerate(self.intercepts_, start=1):
            colors += list(cmap(norm(bias[self.shown_units_[layer]])))
        return self.ax_.scatter(
            xs, np.concatenate(heights), s=160, c=colors, edgecolors=LINE_COLOR,
            linewidths=0.8, zorder=2,
        )  # fmt: skip

    def _label_units(self, heights: list[np.ndarray]) -> None:
        """Feature names left of the inputs, output names right of the outputs."""
        inputs = self.feature_names_[self.shown_units_[0]]
        for name, height in zip(inputs, heights[0]):
            self.ax_.text(-0.12, height, str(name), ha="right", va="center",
                          fontsize="small")  # fmt: skip
        outputs = np.asarray(self._output_labels())[self.shown_units_[-1]]
        last = len(heights) - 1
        for name, height in zip(outputs, heights[-1]):
            self.ax_.text(last + 0.12, height, str(name), ha="left", va="center",
                          fontsize="small")  # fmt: skip

    def _layer_names(self) -> list[str]:
        hidden, out = self._activations
        sizes, n_hidden = self.layer_sizes_, len(self.layer_sizes_) - 2
        names = [f"input\n{sizes[0]} units"]
        names += [f"hidden {k}\n{sizes[k]} {hidden}" for k in range(1, n_hidden + 1)]
        names.append(f"output\n{sizes[-1]} {out}")
        for layer, shown in enumerate(self.shown_units_):
            if len(shown) < sizes[layer]:
                names[layer] += f"\n({len(shown)} drawn)"
        return names

    def finalize(self):
        """Title, a layer name under each column, no y axis. Returns ``ax_``."""
        self.set_title(f"Network Structure of {self.name}")
        n_layers = len(self.layer_sizes_)
        self.ax_.set_xticks(range(n_layers), labels=self._layer_names())
        self.ax_.set_xlim(-0.9, n_layers - 0.1)
        tallest = max(len(s) + (len(s) < n) for s, n in zip(
            self.shown_units_, self.layer_sizes_))  # fmt: skip
        half = (tallest - 1) / 2 * UNIT_SPACING + 0.6
        self.ax_.set_ylim(-half, half)
        self.ax_.set_yticks([])
        self.ax_.grid(False)
        for side in ("left", "right", "top"):
            self.ax_.spines[side].set_visible(False)
        return self.ax_


network_structure = declare(
    NetworkStructure, kind=TRAINING, quick="network_structure", example=examples.mlp
)
