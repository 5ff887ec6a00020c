"""Small stateless helpers shared by every visualizer family."""

from vizkit.utils.features import feature_names
from vizkit.utils.labels import decode_labels, label_names
from vizkit.utils.response import response_method
from vizkit.utils.target import TargetType, target_color_type
from vizkit.utils.validation import (
    check_consistent_length,
    check_option,
    check_target,
    check_X,
    estimator_is_fitted,
    needs_fit,
)

__all__ = [
    "TargetType",
    "check_X",
    "check_consistent_length",
    "check_option",
    "check_target",
    "decode_labels",
    "estimator_is_fitted",
    "feature_names",
    "label_names",
    "needs_fit",
    "response_method",
    "target_color_type",
]
