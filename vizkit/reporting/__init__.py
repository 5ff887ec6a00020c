"""The one-call model report: ``vizkit.report(model, X, y)``.

Fits the model once, draws every visualizer that applies to its task from
the shared predictions, and builds one self-contained HTML page.
"""

from vizkit.reporting._encode import encode_features
from vizkit.reporting._report import Report, report
from vizkit.reporting._sections import Section

__all__ = ["Report", "Section", "encode_features", "report"]
