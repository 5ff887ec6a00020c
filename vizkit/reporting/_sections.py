"""The sections of a report: which visualizers apply to each task, and their readings.

Each builder takes the shared :class:`Evaluation` and an Axes, draws one
vizkit visualizer from the stored predictions (``from_predictions``, or a
frozen fitted model, never calling the model), and returns its one-line
reading, written from the visualizer's fitted attributes. A builder that
cannot apply raises :class:`NotApplicable` with the reason the page shows.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from vizkit.exceptions import ModelError
from vizkit.reporting._evaluation import (
    CLASSIFICATION,
    REGRESSION,
    ClusterLabels,
    Evaluation,
)
from vizkit.reporting._metrics import SILHOUETTE_SAMPLE, SILHOUETTE_SEED

#: Figure size (inches) and resolution of the pictures on the page.
FIGURE_SIZE = (6.4, 4.8)
DPI = 80
#: At most this many features in the importance chart.
TOP_FEATURES = 20


class NotApplicable(Exception):
    """A section that does not apply to this model or data; the message says why."""


@dataclass(frozen=True)
class Section:
    """One drawn section of a report: its picture and one line reading it."""

    name: str
    title: str
    reading: str
    png: bytes


@dataclass(frozen=True)
class SectionSpec:
    name: str
    title: str
    build: Callable[[Evaluation, Any], str]


def render(spec: SectionSpec, ev: Evaluation) -> Section:
    """Draw one section on a figure of its own and return it as PNG bytes.

    The figure is a bare ``matplotlib.figure.Figure``, not a pyplot one, so
    it is never registered with pyplot and nothing is left open.
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=FIGURE_SIZE, dpi=DPI)
    try:
        reading = spec.build(ev, fig.add_subplot())
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", bbox_inches="tight")
    finally:
        fig.clear()
    return Section(spec.name, spec.title, reading, buffer.getvalue())


# -- formatting -----------------------------------------------------------------------


def num(value: float) -> str:
    """A metric as three decimals, or three significant digits when large."""
    value = float(value)
    return f"{value:.3f}" if abs(value) < 100 else f"{value:,.4g}"


def label(value: Any) -> str:
    return str(value.item() if isinstance(value, np.generic) else value)


def largest_off_diagonal(matrix: np.ndarray) -> tuple[int, int]:
    """(row, column) of the largest cell off the diagonal (first if tied)."""
    off = np.array(matrix, dtype=float)
    np.fill_diagonal(off, -1.0)
    row, col = np.unravel_index(int(np.argmax(off)), off.shape)
    return int(row), int(col)


# -- classification -----------------------------------------------------------------


def _curve_inputs(ev: Evaluation) -> dict[str, Any]:
    """The arguments of a score curve's ``from_predictions``, or NotApplicable."""
    if ev.y_score is None:
        raise NotApplicable(
            f"{type(ev.model).__name__} has neither predict_proba nor "
            "decision_function, so samples cannot be ranked by score."
        )
    missing = np.setdiff1d(ev.classes, ev.split.y_test)
    if len(missing):
        raise NotApplicable(
            f"the test split has no sample of class(es) {missing.tolist()}, so "
            "their curves are undefined."
        )
    extra = {"pos_label": ev.classes[1]} if ev.binary else {}
    return {"y_true": ev.split.y_test, "y_pred": ev.y_score, **extra}


def _from_scores(cls: Any, ev: Evaluation, ax: Any, **params: Any):
    inputs = _curve_inputs(ev)
    y_true, y_score = inputs.pop("y_true"), inputs.pop("y_pred")
    return cls.from_predictions(y_true, y_score, ax=ax, **inputs, **params)


def _require_binary(ev: Evaluation, what: str) -> None:
    if not ev.binary:
        raise NotApplicable(f"{what} is drawn for binary targets only.")


def class_balance(ev: Evaluation, ax: Any) -> str:
    from vizkit.target.class_balance import ClassBalance

    viz = ClassBalance().fit(ev.split.y_train, ev.split.y_test)
    viz.plot(ax=ax)
    return class_balance_reading(viz.classes_, viz.support_)


def class_balance_reading(classes: np.ndarray, support: np.ndarray) -> str:
    """Train and test counts per class, and the smallest class's share of train."""
    train, test = support
    counts = ", ".join(
        f"{label(c)}: {int(a)}/{int(b)}" for c, a, b in zip(classes, train, test)
    )
    smallest = int(np.argmin(train))
    share = train[smallest] / train.sum()
    return (
        f"Train/test samples per class: {counts}; smallest class "
        f"{label(classes[smallest])} is {share:.1%} of the training rows."
    )


def confusion_matrix(ev: Evaluation, ax: Any) -> str:
    from vizkit.classifier.confusion_matrix import ConfusionMatrix

    viz = ConfusionMatrix.from_predictions(ev.split.y_test, ev.y_pred, ax=ax)
    return confusion_reading(viz.confusion_matrix_, viz.classes_, viz.score_)


def confusion_reading(matrix: np.ndarray, classes: np.ndarray, accuracy: float) -> str:
    """Accuracy and the most frequent confusion, e.g. "3 -> 8 (5 of 45)"."""
    row, col = largest_off_diagonal(matrix)
    if matrix[row, col] == 0:
        return f"Accuracy {num(accuracy)}; no test sample is misclassified."
    return (
        f"Accuracy {num(accuracy)}; most confused: {label(classes[row])} -> "
        f"{label(classes[col])} ({int(matrix[row, col])} of "
        f"{int(matrix[row].sum())} samples of class {label(classes[row])})."
    )


def classification_report(ev: Evaluation, ax: Any) -> str:
    from vizkit.classifier.classification_report import ClassificationReport

    viz = ClassificationReport.from_predictions(ev.split.y_test, ev.y_pred, ax=ax)
    return report_reading(viz.scores_["f1"], viz.averages_)


def report_reading(f1: dict, averages: dict) -> str:
    """Macro F1 and the classes with the lowest and highest F1."""
    names = list(f1)
    values = np.array([f1[name] for name in names], dtype=float)
    low, high = int(np.nanargmin(values)), int(np.nanargmax(values))
    macro = averages["macro avg"]["f1"]
    return (
        f"Macro F1 {num(macro)}; lowest F1 {num(values[low])} (class "
        f"{label(names[low])}), highest {num(values[high])} (class "
        f"{label(names[high])})."
    )


def roc_auc(ev: Evaluation, ax: Any) -> str:
    from vizkit.classifier.rocauc import ROCAUC

    viz = _from_scores(ROCAUC, ev, ax, binary=ev.binary)
    return auc_reading(viz.roc_auc_, viz.classes_, ev.binary)


def auc_reading(aucs: dict, classes: np.ndarray, binary: bool) -> str:
    """The positive class's AUC, or the averages and the weakest class."""
    if binary:
        return f"ROC AUC {num(aucs['binary'])} (positive class {label(classes[1])})."
    per_class = {key: value for key, value in aucs.items() if isinstance(key, int)}
    worst = min(per_class, key=lambda key: per_class[key])
    return (
        f"Micro-average AUC {num(aucs['micro'])}, macro-average "
        f"{num(aucs['macro'])}; lowest: class {label(classes[worst])} "
        f"({num(per_class[worst])})."
    )


def precision_recall(ev: Evaluation, ax: Any) -> str:
    from vizkit.classifier.prcurve import PrecisionRecallCurve

    viz = _from_scores(PrecisionRecallCurve, ev, ax)
    ap = viz.average_precision_
    if ev.binary:
        prevalence = np.mean(ev.split.y_test == ev.classes[1])
        return (
            f"Average precision {num(ap['binary'])} for class "
            f"{label(ev.classes[1])} (a random ranking scores {num(prevalence)})."
        )
    return f"Micro-average average precision {num(ap['micro'])}."


def class_prediction_error(ev: Evaluation, ax: Any) -> str:
    from vizkit.classifier.class_prediction_error import ClassPredictionError

    viz = ClassPredictionError.from_predictions(ev.split.y_test, ev.y_pred, ax=ax)
    return prediction_error_reading(viz.predictions_, viz.classes_)


def prediction_error_reading(counts: np.ndarray, classes: np.ndarray) -> str:
    """The true class whose samples are most often predicted as another class."""
    errors = counts.sum(axis=1) - np.diag(counts)
    worst = int(np.argmax(errors))
    if errors[worst] == 0:
        return "Every test sample is predicted as its true class."
    total = int(counts[worst].sum())
    return (
        f"Class {label(classes[worst])} has the most misclassified samples: "
        f"{int(errors[worst])} of {total} ({errors[worst] / max(total, 1):.1%})."
    )


def calibration(ev: Evaluation, ax: Any) -> str:
    from vizkit.classifier.calibration import CalibrationCurve

    if ev.score_method != "predict_proba":
        raise NotApplicable(
            f"{type(ev.model).__name__} has no predict_proba, and calibration "
            "compares predicted probabilities with observed frequencies."
        )
    viz = _from_scores(CalibrationCurve, ev, ax)
    if ev.binary:
        return (
            f"Brier score {num(viz.score_)} for class {label(ev.classes[1])} "
            "(0 is perfect; lower is better calibrated)."
        )
    return f"Mean Brier score over the classes {num(viz.score_)} (lower is better)."


def discrimination_threshold(ev: Evaluation, ax: Any) -> str:
    from vizkit.classifier.threshold import DiscriminationThreshold

    _require_binary(ev, "The discrimination threshold")
    viz = _from_scores(DiscriminationThreshold, ev, ax)
    best = int(np.flatnonzero(viz.thresholds_ == viz.threshold_)[0])
    scores = viz.cv_scores_
    return (
        f"Best F1 {num(scores['fscore'][best])} at threshold {num(viz.threshold_)} "
        f"(precision {num(scores['precision'][best])}, recall "
        f"{num(scores['recall'][best])}, {scores['queue_rate'][best]:.1%} flagged)."
    )


def ks_statistic(ev: Evaluation, ax: Any) -> str:
    from vizkit.classifier.ks import KSStatistic

    _require_binary(ev, "The KS statistic")
    viz = _from_scores(KSStatistic, ev, ax)
    return (
        f"KS statistic {num(viz.ks_['binary'])} at score "
        f"{num(viz.ks_threshold_['binary'])}: the widest gap between the score "
        "distributions of the two classes."
    )


def cumulative_gain(ev: Evaluation, ax: Any) -> str:
    from vizkit.classifier.gain import CumulativeGain

    _require_binary(ev, "The cumulative gain curve")
    viz = _from_scores(CumulativeGain, ev, ax)
    return (
        f"The top {viz.at:.0%} of scores hold {viz.gain_at_['binary']:.1%} of "
        f"class {label(ev.classes[1])} (random: {viz.at:.0%})."
    )


def lift_curve(ev: Evaluation, ax: Any) -> str:
    from vizkit.classifier.gain import LiftCurve

    _require_binary(ev, "The lift curve")
    viz = _from_scores(LiftCurve, ev, ax)
    return (
        f"Lift {num(viz.lift_at_['binary'])} in the top {viz.at:.0%} of scores: "
        f"class {label(ev.classes[1])} is that many times more frequent there."
    )


def feature_importances(ev: Evaluation, ax: Any) -> str:
    from vizkit.model_selection.importances import FeatureImportances

    viz = FeatureImportances(ev.model, is_fitted=True, relative=False)
    try:
        viz.fit(ev.split.X_train)
    except ModelError as error:  # neither feature_importances_ nor coef_
        raise NotApplicable(
            f"{type(ev.model).__name__} has neither feature_importances_ nor coef_."
        ) from error
    if len(viz.features_) > TOP_FEATURES:
        viz.set_params(topn=TOP_FEATURES).fit(ev.split.X_train)
    viz.plot(ax=ax)
    return importance_reading(viz.features_, viz.feature_importances_)


def importance_reading(features: np.ndarray, values: np.ndarray) -> str:
    """The three features of largest absolute importance, with their values."""
    order = np.argsort(-np.abs(values), kind="stable")[:3]
    listed = ", ".join(f"{features[i]} ({num(values[i])})" for i in order)
    return f"Largest importances: {listed}."


# -- regression ---------------------------------------------------------------------


def prediction_error(ev: Evaluation, ax: Any) -> str:
    from vizkit.regressor.prediction_error import PredictionError

    viz = PredictionError.from_predictions(ev.split.y_test, ev.y_pred, ax=ax)
    m = viz.metrics_
    return (
        f"R² {num(m['r2'])}, RMSE {num(m['rmse'])}, MAE {num(m['mae'])}; "
        f"best-fit line slope {num(viz.bestfit_slope_)} (1 is ideal)."
    )


def residuals(ev: Evaluation, ax: Any) -> str:
    from vizkit.regressor.residuals import ResidualsPlot

    viz = ResidualsPlot.from_predictions(ev.split.y_test, ev.y_pred, ax=ax)
    return residuals_reading(viz.test_residuals_)


def residuals_reading(values: np.ndarray) -> str:
    """Mean, spread and the 95th percentile of the absolute residuals."""
    return (
        f"Test residuals (y - prediction): mean {num(np.mean(values))}, "
        f"standard deviation {num(np.std(values))}; 95% lie within "
        f"±{num(np.quantile(np.abs(values), 0.95))}."
    )


# -- clustering ---------------------------------------------------------------------


def cluster_sizes(ev: Evaluation, ax: Any) -> str:
    from vizkit.target.class_balance import ClassBalance

    viz = ClassBalance(title="Cluster sizes").fit(ev.y_pred)
    viz.plot(ax=ax)
    ax.set_xlabel("cluster")
    return sizes_reading(viz.classes_, viz.support_)


def sizes_reading(clusters: np.ndarray, sizes: np.ndarray) -> str:
    big, small = int(np.argmax(sizes)), int(np.argmin(sizes))
    total = sizes.sum()
    return (
        f"{len(clusters)} clusters; largest {label(clusters[big])} "
        f"({int(sizes[big])} rows, {sizes[big] / total:.1%}), smallest "
        f"{label(clusters[small])} ({int(sizes[small])} rows, "
        f"{sizes[small] / total:.1%})."
    )


def silhouette(ev: Evaluation, ax: Any) -> str:
    from vizkit.cluster.silhouette import SilhouetteVisualizer

    if len(np.unique(ev.y_pred)) < 2:
        raise NotApplicable("the model put every row in one cluster.")
    frozen = ClusterLabels(ev.y_pred).fit(ev.features)
    viz = SilhouetteVisualizer(
        frozen, is_fitted=True, sample=SILHOUETTE_SAMPLE, random_state=SILHOUETTE_SEED
    )
    viz.fit(ev.features).plot(ax=ax)
    return silhouette_reading(
        viz.silhouette_samples_, viz.labels_, viz.n_samples_
    )  # fmt: skip


def silhouette_reading(values: np.ndarray, labels: np.ndarray, n_rows: int) -> str:
    """Mean silhouette, the share below 0, the weakest cluster; the sample if any."""
    groups = np.unique(labels)
    means = np.array([values[labels == g].mean() for g in groups])
    worst = int(np.argmin(means))
    sampled = (
        f" (on a seeded sample of {len(values):,} of {n_rows:,} rows)"
        if len(values) < n_rows
        else ""
    )
    return (
        f"Mean silhouette {num(values.mean())}{sampled}; {np.mean(values < 0):.1%} "
        f"of samples below 0; weakest cluster {label(groups[worst])} (mean "
        f"{num(means[worst])})."
    )


def intercluster_distance(ev: Evaluation, ax: Any) -> str:
    from vizkit.cluster.icdm import InterclusterDistance

    if ev.centers is None:
        raise NotApplicable(
            "the model has no cluster_centers_ (e.g. DBSCAN, AgglomerativeClustering)."
        )
    frozen = ClusterLabels(ev.y_pred, ev.centers).fit(ev.features)
    viz = InterclusterDistance(frozen, is_fitted=True, random_state=0)
    viz.fit(ev.features).plot(ax=ax)
    return closest_centers_reading(viz.cluster_centers_)


def closest_centers_reading(centers: np.ndarray) -> str:
    """The two closest cluster centres and their distance in feature space."""
    distances = np.linalg.norm(centers[:, None, :] - centers[None, :, :], axis=-1)
    np.fill_diagonal(distances, np.inf)
    a, b = np.unravel_index(int(np.argmin(distances)), distances.shape)
    median = float(np.median(distances[np.isfinite(distances)]))
    return (
        f"Closest centres: clusters {a} and {b}, {num(distances[a, b])} apart "
        f"(median distance between centres {num(median)})."
    )


def pca_projection(ev: Evaluation, ax: Any) -> str:
    from vizkit.features.pca import PCA

    if ev.features.shape[1] < 2:
        raise NotApplicable(
            "the data has a single feature; there is nothing to project."
        )
    viz = PCA(random_state=0, title="PCA projection coloured by cluster")
    viz.fit_transform(ev.features, ev.y_pred)
    viz.plot(ax=ax)
    first, second = viz.explained_variance_ratio_[:2]
    return (
        f"The first two principal components (of the standardised features) "
        f"explain {first:.1%} + {second:.1%} = {first + second:.1%} of the variance."
    )


# -- which sections each task gets -----------------------------------------------------

SECTIONS: dict[str, tuple[SectionSpec, ...]] = {
    CLASSIFICATION: (
        SectionSpec("class_balance", "Class balance (train and test)", class_balance),
        SectionSpec("confusion_matrix", "Confusion matrix", confusion_matrix),
        SectionSpec(
            "classification_report", "Classification report", classification_report
        ),
        SectionSpec("roc_auc", "ROC curves and AUC", roc_auc),
        SectionSpec("precision_recall", "Precision-recall curves", precision_recall),
        SectionSpec(
            "class_prediction_error", "Class prediction error", class_prediction_error
        ),
        SectionSpec("calibration", "Calibration", calibration),
        SectionSpec("threshold", "Discrimination threshold", discrimination_threshold),
        SectionSpec("ks_statistic", "KS statistic", ks_statistic),
        SectionSpec("cumulative_gain", "Cumulative gain", cumulative_gain),
        SectionSpec("lift", "Lift", lift_curve),
        SectionSpec("feature_importances", "Feature importances", feature_importances),
    ),
    REGRESSION: (
        SectionSpec("prediction_error", "Prediction error", prediction_error),
        SectionSpec("residuals", "Residuals", residuals),
        SectionSpec("feature_importances", "Feature importances", feature_importances),
    ),
    "clustering": (
        SectionSpec("cluster_sizes", "Cluster sizes", cluster_sizes),
        SectionSpec("silhouette", "Silhouette", silhouette),
        SectionSpec(
            "intercluster_distance", "Intercluster distance", intercluster_distance
        ),
        SectionSpec("pca", "PCA projection by cluster", pca_projection),
    ),
}  # fmt: skip
