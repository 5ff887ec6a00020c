"""Every public visualizer, by family: the one list tests and docs read.

A new visualizer joins vizkit by being listed here (its import path and its
quick method); ``tests/test_common.py`` then checks it like the rest and the
API reference documents it.
"""

from __future__ import annotations

from importlib import import_module

#: family -> list of (visualizer class path, quick method path)
FAMILIES: dict[str, list[tuple[str, str]]] = {
    "classifier": [
        ("vizkit.classifier.confusion_matrix.ConfusionMatrix",
         "vizkit.classifier.confusion_matrix.confusion_matrix"),
        ("vizkit.classifier.rocauc.ROCAUC", "vizkit.classifier.rocauc.roc_auc"),
    ],
    "regressor": [
        ("vizkit.regressor.residuals.ResidualsPlot",
         "vizkit.regressor.residuals.residuals_plot"),
    ],
    "features": [
        ("vizkit.features.pca.PCA", "vizkit.features.pca.pca_decomposition"),
    ],
    "target": [
        ("vizkit.target.class_balance.ClassBalance",
         "vizkit.target.class_balance.class_balance"),
    ],
}  # fmt: skip

#: One-line summary of each family, for the docs.
FAMILY_TITLES: dict[str, str] = {
    "classifier": "Classification: confusion matrices, ROC curves",
    "regressor": "Regression: residuals",
    "features": "Features: projections",
    "target": "Target: class balance",
}


def resolve(path: str):
    """Import ``package.module.Name`` and return ``Name``."""
    module, _, name = path.rpartition(".")
    return getattr(import_module(module), name)


def visualizers(family: str | None = None) -> list[type]:
    """The visualizer classes of one family, or of all families."""
    families = [family] if family else list(FAMILIES)
    return [resolve(cls) for f in families for cls, _ in FAMILIES[f]]
