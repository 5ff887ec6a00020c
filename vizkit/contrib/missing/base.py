"""What is missing in X, and the base class of the missing-values visualizers.

A value is missing when it is NaN, None, pandas' NA or NaT, as
``pandas.DataFrame.isna`` says; any column may hold them (numbers, strings,
objects). Infinite values are refused: they are values, not missing ones.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from vizkit.draw import fit_tick_labels
from vizkit.exceptions import VizkitValueError
from vizkit.features.base import DataVisualizer, _check_target_type
from vizkit.utils.docs import common_params
from vizkit.utils.target import TargetType
from vizkit.utils.validation import check_X, missing_mask


def missing_values(X: np.ndarray) -> np.ndarray:
    """True where the 2-D array ``X`` holds NaN, None, pandas' NA or NaT."""
    if X.dtype == object:
        import pandas as pd  # its isna is one C loop over object arrays

        return np.asarray(pd.isna(X), dtype=bool)
    if X.dtype.kind in "mM":
        return np.isnat(X)
    return missing_mask(X)


def check_no_infinite(X: np.ndarray, features: np.ndarray) -> None:
    """Refuse infinite values: they are no missing values, and no counts either."""
    if X.dtype.kind != "f":
        return
    infinite = np.isinf(X)
    if not infinite.any():
        return
    row, column = (int(i) for i in np.argwhere(infinite)[0])
    raise VizkitValueError(
        f"X contains {int(infinite.sum())} infinite value(s) (the first at row "
        f"{row}, column {features[column]!r}), which are not missing values; "
        "replace them with NaN to count them as missing (for a DataFrame: "
        "X.replace([np.inf, -np.inf], np.nan)), or drop those rows."
    )


@common_params
class MissingDataVisualizer(DataVisualizer):
    """Base class of the visualizers of missing values: X may hold any of them.

    ``fit(X, y)`` finds which values of X are missing and passes that mask to
    ``_fit_missing``; a class target ``y`` splits the results by class.
    ``transform`` returns X unchanged, missing values included.

    Parameters
    ----------
    {common: ax, fig}
    features : list of str, default=None
        Names of the columns of X, one per column. None uses the column names
        of a pandas or polars frame, else ``x0, x1, ...``. For a frame,
        naming some of its columns draws only those.
    classes : list of str, default=None
        Names of the classes of ``y``, in the order of the sorted class values.
    colors : color, list of colors or palette name, default=None
        The colours of the classes, cycled if there are fewer than classes.
    colormap : str or matplotlib Colormap, default=None
        The colormap sampled for class colours when ``colors`` is None.
    target_type : {"auto", "single", "discrete", "continuous"}, default="auto"
        "auto" and "discrete" split the missing values by the class of ``y``;
        "single" ignores ``y``. A continuous target cannot be split: pass
        class labels, or ``target_type="single"``.
    {common: title, size}

    Attributes
    ----------
    features_ : ndarray of str, shape (n_features,)
        The names of the columns of X.
    n_samples_ : int
        The number of rows of X.
    target_color_type_ : TargetType
        SINGLE without a class target, else DISCRETE.
    classes_ : ndarray of str, shape (n_classes,)
        The class labels of ``y``.
    """

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # Missing values are what these visualizers show, in columns of any type.
        tags.input_tags = dataclasses.replace(
            tags.input_tags, allow_nan=True, string=True
        )
        return tags

    def _check_data(self, X) -> np.ndarray:
        """X as an array of any column type, missing values allowed."""
        return check_X(X, allow_nan=True)

    def fit(self, X, y=None):
        """Find the missing values of X (per class of ``y``, when given).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data, with NaN, None or pandas' NA where values are missing
            (numpy, pandas or polars; columns of any type).
        y : array-like of shape (n_samples,), default=None
            Class labels that split the missing values by class.

        Returns
        -------
        self
        """
        X_array, _ = self._fit_data(X, y)
        check_no_infinite(X_array, self.features_)
        self._refuse_continuous_target()
        self.n_samples_ = int(X_array.shape[0])
        self._fit_missing(missing_values(X_array))
        return self

    def _fit_missing(self, mask: np.ndarray) -> None:
        """Compute the results from the mask of missing values (subclasses)."""
        raise NotImplementedError(f"{type(self).__name__} must implement it.")

    def _refuse_continuous_target(self) -> None:
        if self.target_color_type_ != TargetType.CONTINUOUS:
            return
        given = _check_target_type(self.target_type)
        fix = "" if given == "continuous" else " or target_type='discrete',"
        raise VizkitValueError(
            f"y looks continuous (target_type={given!r}), but missing values "
            f"are split by class; pass class labels as y,{fix} or "
            "target_type='single' (or no y) to count them all together."
        )

    def get_feature_names(self) -> list[str]:
        """The names of the features (Yellowbrick's accessor of ``features_``)."""
        return [str(name) for name in self.features_]

    # -- drawing helpers ----------------------------------------------------------

    def _codes(self) -> np.ndarray | None:
        """The class code of each row, or None without a class target."""
        if self.target_color_type_ != TargetType.DISCRETE:
            return None
        return self._color_values

    def _label_features(self) -> None:
        """One y tick per feature, named (every k-th when they crowd)."""
        n_features = len(self.features_)
        self.ax_.set_yticks(np.arange(n_features), self.get_feature_names())
        self.ax_.set_ylim(-0.5, n_features - 0.5)
        fit_tick_labels(self.ax_, "y")

    def _note_nothing_missing(self, n_missing: int) -> Any:
        """Say so on the plot when X has no missing value at all."""
        if n_missing:
            return None
        return self.ax_.text(
            0.5, 0.5, "No missing values", transform=self.ax_.transAxes,
            ha="center", va="center", color="0.4",
        )  # fmt: skip
