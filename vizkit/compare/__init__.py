"""Several models on one figure: ROC, precision-recall, calibration, residuals
and learning curves, one legend entry per model, each model's predictions
computed once."""

from vizkit.registry import export_family

__all__ = export_family(__name__, __path__, globals())
