"""The benchmark cases, one module per visualizer.

Each module exposes ``build(n_rows)`` (seeded data, and a model fitted
outside the timer when ``PREFIT``), ``IMPLEMENTATIONS`` (name -> callable
``impl(data, png_path)``), ``PREFIT`` and a one-line ``DESCRIPTION``.
"""

from __future__ import annotations

from types import ModuleType

from benchmarks.cases import (
    class_balance,
    confusion_matrix,
    cooks_distance,
    cv_scores,
    explained_variance,
    jointplot,
    kelbow,
    learning_curve,
    local_explanation,
    manual_alphas,
    partial_dependence,
    pca,
    pca20,
    pcoords,
    permutation_importance,
    prcurve,
    prediction_error,
    radviz,
    rank2d,
    report,
    residuals,
    rfecv,
    rocauc,
    threshold,
    training_curve,
    tree_feature_space,
    tree_structure,
    validation_curve,
)

CASES: dict[str, ModuleType] = {
    "confusion_matrix": confusion_matrix,
    "rocauc": rocauc,
    "prcurve": prcurve,
    "threshold": threshold,
    "manual_alphas": manual_alphas,
    "residuals": residuals,
    "prediction_error": prediction_error,
    "cooks_distance": cooks_distance,
    "pca": pca,
    "pca20": pca20,
    "pcoords": pcoords,
    "radviz": radviz,
    "class_balance": class_balance,
    "kelbow": kelbow,
    "jointplot": jointplot,
    "explained_variance": explained_variance,
    "rank2d": rank2d,
    "permutation_importance": permutation_importance,
    "learning_curve": learning_curve,
    "validation_curve": validation_curve,
    "cv_scores": cv_scores,
    "rfecv": rfecv,
    "tree_structure": tree_structure,
    "tree_feature_space": tree_feature_space,
    "training_curve": training_curve,
    "local_explanation": local_explanation,
    "partial_dependence": partial_dependence,
    "report": report,
}
