"""Errors and warnings raised by vizkit.

Each error subclasses the built-in (or scikit-learn) exception a caller would
already catch, so ``except ValueError`` keeps working around vizkit code.
"""

from __future__ import annotations

from sklearn.exceptions import NotFittedError


class VizkitError(Exception):
    """Base class of every vizkit error."""


class VizkitValueError(VizkitError, ValueError):
    """An argument has the right type but a wrong value (NaN, shape, option)."""


class VizkitTypeError(VizkitError, TypeError):
    """An argument has the wrong type (a regressor where a classifier is needed)."""


class VizkitAttributeError(VizkitError, AttributeError):
    """Neither the visualizer nor the estimator it wraps has the attribute."""


class VizkitImportError(VizkitError, ImportError):
    """An optional package that a chosen option needs is not installed."""


class NotFitted(VizkitError, NotFittedError):
    """The visualizer (or the estimator it wraps) must be fitted first."""

    @classmethod
    def from_estimator(cls, estimator, method: str = "show") -> NotFitted:
        name = type(estimator).__name__
        return cls(
            f"This {name} instance is not fitted yet: call fit(X, y) (or score "
            f"with a prefit model) before {method}()."
        )


class ModelError(VizkitTypeError):
    """The wrapped model cannot do what the visualizer needs."""


class DatasetsError(VizkitValueError):
    """A bundled dataset name is unknown."""


class VizkitWarning(UserWarning):
    """Something was ignored or adjusted; the result is still valid."""


class VizkitDeprecationWarning(FutureWarning):
    """A Yellowbrick spelling that still works but will be removed.

    A FutureWarning (not DeprecationWarning) so end users see it by default.
    """


# Yellowbrick's names, so ``except YellowbrickValueError`` code migrates as is.
YellowbrickError = VizkitError
YellowbrickValueError = VizkitValueError
YellowbrickTypeError = VizkitTypeError
YellowbrickAttributeError = VizkitAttributeError
YellowbrickWarning = VizkitWarning


def prefix_message(error: Exception, where: str) -> None:
    """Start ``error``'s message with ``where`` (who failed, doing what).

    The error keeps its type, so ``except ValueError`` still catches a
    model's error that a visualizer passes on.
    """
    first = error.args[0] if error.args else None
    if isinstance(first, str):
        error.args = (f"{where}: {first}", *error.args[1:])
    else:
        error.args = (where, *error.args)
