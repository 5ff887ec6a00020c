"""The best score of a search for each pair of values of two parameters.

:class:`GridSearchColorPlot` reads a fitted search's ``cv_results_`` and
projects it onto two of its parameters: each cell holds the best ``metric``
of the candidates with that pair of values, the highest over every other
parameter (Yellowbrick's ``param_projection``). Pairs that no candidate
tried are left blank; the best cell is outlined.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.draw import fit_tick_labels, text_colors
from vizkit.exceptions import VizkitValueError
from vizkit.gridsearch.base import (
    GridSearchVisualizer,
    check_param_name,
    format_value,
    param_projection,
    searched_params,
    too_few_params,
    varying_params,
)
from vizkit.registry import REPEATED_FIT, declare
from vizkit.style import get_colormap
from vizkit.utils.docs import common_params

#: Colour of the hatching of blank cells (pairs no candidate tried).
BLANK_HATCH_COLOR = "0.85"


# -- computations (arrays in, arrays out) -------------------------------------------


def choose_axes(
    x_param: Any, y_param: Any, searched: list[str], varying: list[str]
) -> tuple[str, str]:
    """The two parameters to draw: those given, else the first varying ones."""
    given = {"x_param": x_param, "y_param": y_param}
    for argument, name in given.items():
        if name is not None:
            check_param_name(name, argument, searched)
    if x_param is not None and x_param == y_param:
        raise VizkitValueError(
            f"x_param and y_param are both {x_param!r}; pass two different "
            f"parameters of {searched}."
        )
    others = iter(p for p in varying if p not in given.values())
    chosen = [
        name if name is not None else next(others, None) for name in given.values()
    ]
    if None in chosen:
        raise too_few_params(
            "GridSearchColorPlot", varying, "two parameters (x_param and y_param)"
        )
    return str(chosen[0]), str(chosen[1])


def best_cell(grid: np.ndarray) -> tuple[int, int]:
    """(row, column) of the highest value of ``grid`` (NaN ignored; first if tied)."""
    row, col = np.unravel_index(np.nanargmax(grid), grid.shape)
    return int(row), int(col)


def cell_text(value: float) -> str:
    """A score as written in its cell: three decimals, or four digits if large."""
    return f"{value:.3f}" if abs(value) < 100 else f"{value:.4g}"


# -- the visualizer -----------------------------------------------------------------


@common_params
class GridSearchColorPlot(GridSearchVisualizer):
    """The best score of a search for each pair of values of two parameters.

    Each cell is the best ``metric`` of the candidates with that pair of
    values of ``x_param`` and ``y_param``, the highest over the other
    searched parameters; its value is written in it, and the best cell is
    outlined. Pairs that no candidate tried (a grid given as a list of
    dicts, or a randomized search) are left blank (hatched). Parameter
    values of any type work (numbers, strings, None, objects): each axis
    lists them sorted, numbers first.

    ``fit(X, y)`` fits the search unless it is already fitted (see
    ``is_fitted``); the search runs its fits itself, with its own ``n_jobs``.

    Parameters
    ----------
    estimator : GridSearchCV or RandomizedSearchCV
        The search, fitted or not (any object with ``cv_results_`` works).
    x_param : str, default=None
        The parameter along the horizontal axis, a key of the search's
        parameter grid (``"C"``, or ``"model__C"`` in a pipeline). None takes
        the first parameter the search varies.
    y_param : str, default=None
        The parameter along the vertical axis; None takes the first varying
        parameter other than ``x_param``.
    metric : str, default="mean_test_score"
        The column of ``cv_results_`` to show, e.g. ``"mean_train_score"``
        or ``"mean_test_<scorer>"`` for a multi-metric search. The highest
        value of a cell is its best, as for scores.
    colormap : str or matplotlib Colormap, default="RdBu_r"
        The colours of the cells, from the lowest to the highest value.
    {common: ax, fig, is_fitted}
    title : str, default=None
        The title of the plot; None gives "Grid Search Scores".
    {common: size}

    Attributes
    ----------
    x_param_, y_param_ : str
        The parameters drawn along the horizontal and vertical axes.
    x_values_, y_values_ : list
        Their values, sorted (Yellowbrick's ``param_projection`` lists).
    best_scores_ : ndarray of shape (n_y_values, n_x_values)
        The best ``metric`` of each pair of values (row: ``y_values_``,
        column: ``x_values_``); NaN where no candidate tried the pair.
    best_cell_ : tuple of (int, int)
        The (row, column) of the highest cell.
    mesh_ : matplotlib QuadMesh
        The drawn cells.
    texts_ : list of matplotlib Text
        The values written in the cells.
    colorbar_ : matplotlib Colorbar
        The colour scale.

    Examples
    --------
    >>> from sklearn.model_selection import GridSearchCV
    >>> from sklearn.svm import SVC
    >>> from vizkit.gridsearch import GridSearchColorPlot
    >>> search = GridSearchCV(SVC(), {"kernel": ["rbf", "linear"], "C": [1, 10]})
    >>> viz = GridSearchColorPlot(search, x_param="kernel", y_param="C")
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "x_param": P.anything(),
        "y_param": P.anything(),
        "metric": P.anything(),
        "colormap": P.colormap(),
    }

    def __init__(
        self,
        estimator,
        x_param=None,
        y_param=None,
        metric="mean_test_score",
        colormap="RdBu_r",
        ax=None,
        fig=None,
        is_fitted="auto",
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.x_param = x_param
        self.y_param = y_param
        self.metric = metric
        self.colormap = colormap
        self.ax = ax
        self.fig = fig
        self.is_fitted = is_fitted
        self.title = title
        self.size = size

    def _compute(self, cv_results: dict) -> None:
        searched = searched_params(cv_results)
        self.x_param_, self.y_param_ = choose_axes(
            self.x_param, self.y_param, searched, varying_params(cv_results)
        )
        self.x_values_, self.y_values_, self.best_scores_ = param_projection(
            cv_results, self.x_param_, self.y_param_, self.metric
        )
        if np.all(np.isnan(self.best_scores_)):
            raise VizkitValueError(
                f"every candidate's {self.metric} is NaN (did all fits fail?); "
                "check the search's model and data, or pass another metric."
            )
        self.best_cell_ = best_cell(self.best_scores_)

    # -- drawing ---------------------------------------------------------------------

    def draw(self) -> None:
        """The cells, their values, the best cell's outline and the colour bar."""
        grid = np.ma.masked_invalid(self.best_scores_)
        n_y, n_x = grid.shape
        self.mesh_ = self.ax_.pcolormesh(
            np.arange(n_x + 1), np.arange(n_y + 1), grid,
            cmap=get_colormap(self.colormap), vmin=grid.min(), vmax=grid.max(),
            edgecolors="w", linewidth=0.5,
        )  # fmt: skip
        if np.ma.count_masked(grid):  # blank cells: hatch the background
            self.ax_.patch.set(hatch="x", edgecolor=BLANK_HATCH_COLOR)
        self._write_values()
        self._outline_best()
        self.ax_.set_xlim(0, n_x)
        self.ax_.set_ylim(0, n_y)
        self.ax_.set_xticks(np.arange(n_x) + 0.5, map(format_value, self.x_values_))
        self.ax_.set_yticks(np.arange(n_y) + 0.5, map(format_value, self.y_values_))
        fit_tick_labels(self.ax_, "x")
        fit_tick_labels(self.ax_, "y")
        self.colorbar_ = self.fig_.colorbar(self.mesh_, ax=self.ax_)
        self.colorbar_.outline.set_linewidth(0)
        self.colorbar_.set_label(self.metric)

    def _write_values(self) -> None:
        values = self.best_scores_
        colors = text_colors(self.mesh_.to_rgba(np.nan_to_num(values)))
        rows, cols = np.nonzero(~np.isnan(values))
        self.texts_ = [
            self.ax_.text(
                col + 0.5,
                row + 0.5,
                cell_text(values[row, col]),
                color=colors[row, col],
                ha="center",
                va="center",
                fontsize="small",
            )  # fmt: skip
            for row, col in zip(rows, cols)
        ]

    def _outline_best(self) -> None:
        from matplotlib.patches import Rectangle

        row, col = self.best_cell_
        self.best_patch_ = self.ax_.add_patch(
            Rectangle(
                (col, row),
                1,
                1,
                fill=False,
                edgecolor="k",
                linewidth=2.5,
                clip_on=False,
                zorder=3,
            )  # fmt: skip
        )

    def finalize(self):
        """Title and axis labels."""
        self.set_title("Grid Search Scores")
        self.ax_.set_xlabel(self.x_param_)
        self.ax_.set_ylabel(self.y_param_)
        if getattr(self, "_owns_figure", False):
            self.fig_.tight_layout()
        return self.ax_


gridsearch_color_plot = declare(
    GridSearchColorPlot,
    kind=REPEATED_FIT,
    quick="gridsearch_color_plot",
    example=examples.grid_search,
)
