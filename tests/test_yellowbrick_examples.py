"""Yellowbrick's documented examples run with only the import changed.

Each test is the example from Yellowbrick's docs for that visualizer, with
``yellowbrick`` replaced by ``vizkit`` and its downloaded datasets replaced by
bundled ones of the same kind (binary, multiclass, regression). scikit-learn
1.8 dropped multiclass ``solver="liblinear"``, so multiclass examples use the
default solver.
"""

import numpy as np
import pytest
from sklearn.datasets import load_digits, load_iris
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import TimeSeriesSplit
from sklearn.model_selection import train_test_split as tts

from vizkit.datasets import load_breast_cancer, load_diabetes, load_wine
from vizkit.exceptions import VizkitDeprecationWarning, VizkitWarning


def test_confusion_matrix_digits():
    from vizkit.classifier import ConfusionMatrix

    digits = load_digits()
    X, y = digits.data, digits.target
    X_train, X_test, y_train, y_test = tts(X, y, test_size=0.2, random_state=11)
    model = LogisticRegression(max_iter=5000)
    cm = ConfusionMatrix(model, classes=[0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    cm.fit(X_train, y_train)
    cm.score(X_test, y_test)
    cm.show()
    assert cm.confusion_matrix_.sum() == len(y_test)


def test_confusion_matrix_with_label_encoder_dict():
    from vizkit.classifier import ConfusionMatrix

    iris = load_iris()
    X, y, classes = iris.data, iris.target, iris.target_names
    X_train, X_test, y_train, y_test = tts(X, y, test_size=0.2, random_state=0)
    model = LogisticRegression(max_iter=1000)
    iris_cm = ConfusionMatrix(
        model,
        classes=classes,
        label_encoder={0: "setosa", 1: "versicolor", 2: "virginica"},
    )
    with pytest.warns(VizkitDeprecationWarning, match="label_encoder"):
        with pytest.warns(VizkitWarning, match="both classes and encoder"):
            iris_cm.fit(X_train, y_train)
            iris_cm.score(X_test, y_test)
    iris_cm.show()
    labels = [t.get_text() for t in iris_cm.ax_.get_xticklabels()]
    assert labels == ["setosa", "versicolor", "virginica"]


def test_confusion_matrix_quick_method():
    from vizkit.classifier import confusion_matrix

    X, y = load_breast_cancer()
    X_train, X_test, y_train, y_test = tts(X, y, test_size=0.2, random_state=0)
    viz = confusion_matrix(
        LogisticRegression(solver="liblinear"),
        X_train, y_train, X_test, y_test,
        classes=["malignant", "benign"],
    )  # fmt: skip
    assert viz.confusion_matrix_.shape == (2, 2)


def test_rocauc():
    from vizkit.classifier import ROCAUC

    X, y = load_breast_cancer()
    X_train, X_test, y_train, y_test = tts(X, y, test_size=0.2, random_state=0)
    logistic = LogisticRegression(solver="liblinear")
    visualizer = ROCAUC(logistic)
    visualizer.fit(X_train, y_train)
    visualizer.score(X_test, y_test)
    with pytest.warns(VizkitDeprecationWarning):
        visualizer.poof()
    assert 0.9 < visualizer.score_ <= 1


def test_rocauc_multiclass_quick_method():
    from vizkit.classifier import roc_auc

    X, y = load_wine()
    X_train, X_test, y_train, y_test = tts(X, y, test_size=0.2, random_state=0)
    viz = roc_auc(
        LogisticRegression(max_iter=5000),
        X_train, y_train, X_test=X_test, y_test=y_test,
        classes=["class_0", "class_1", "class_2"], show=False,
    )  # fmt: skip
    assert {0, 1, 2, "micro", "macro"} <= set(viz.roc_auc)


def test_precision_recall_curve_binary():
    from sklearn.linear_model import RidgeClassifier

    from vizkit.classifier import PrecisionRecallCurve

    X, y = load_breast_cancer()
    X_train, X_test, y_train, y_test = tts(X, y, test_size=0.2, random_state=0)
    viz = PrecisionRecallCurve(RidgeClassifier(random_state=0))
    viz.fit(X_train, y_train)
    viz.score(X_test, y_test)
    viz.show()
    assert 0.9 < viz.score_ <= 1


def test_precision_recall_curve_multiclass_and_quick_method():
    from sklearn.naive_bayes import MultinomialNB
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import LabelEncoder, StandardScaler

    from vizkit.classifier import PrecisionRecallCurve, precision_recall_curve

    X, y = load_wine()
    encoder = LabelEncoder().fit(np.array(["draw", "loss", "win"])[y])
    X_train, X_test, y_train, y_test = tts(X, y, test_size=0.2, random_state=0)
    viz = PrecisionRecallCurve(
        MultinomialNB(),
        classes=encoder.classes_,
        colors=["purple", "cyan", "blue"],
        iso_f1_curves=True,
        per_class=True,
        micro=False,
    )
    viz.fit(X_train, y_train)
    viz.score(X_test, y_test)
    viz.show()
    assert set(viz.precision_) == {0, 1, 2}
    model = make_pipeline(StandardScaler(), LogisticRegression())
    viz = precision_recall_curve(model, X_train, y_train, X_test, y_test)
    assert 0.5 < viz.score_ <= 1


def test_classification_report_time_series_split():
    from sklearn.naive_bayes import GaussianNB

    from vizkit.classifier import ClassificationReport, classification_report

    X, y = load_breast_cancer()  # replaces the downloaded occupancy data
    classes = ["malignant", "benign"]
    for train_index, test_index in TimeSeriesSplit().split(X):
        X_train, X_test = X[train_index], X[test_index]
        y_train, y_test = y[train_index], y[test_index]
    visualizer = ClassificationReport(GaussianNB(), classes=classes, support=True)
    visualizer.fit(X_train, y_train)
    visualizer.score(X_test, y_test)
    visualizer.show()
    assert set(visualizer.scores_) == {"precision", "recall", "f1", "support"}
    quick = classification_report(
        GaussianNB(), X_train, y_train, X_test, y_test, classes=classes,
        support=True, show=False,
    )  # fmt: skip
    assert quick.scores_ == visualizer.scores_


def test_class_prediction_error_fruits():
    from sklearn.datasets import make_classification
    from sklearn.ensemble import RandomForestClassifier

    from vizkit.classifier import ClassPredictionError, class_prediction_error

    X, y = make_classification(
        n_samples=1000, n_classes=5, n_informative=3, n_clusters_per_class=1,
        random_state=36,
    )  # fmt: skip
    classes = ["apple", "kiwi", "pear", "banana", "orange"]
    X_train, X_test, y_train, y_test = tts(X, y, test_size=0.20, random_state=42)
    visualizer = ClassPredictionError(
        RandomForestClassifier(random_state=42, n_estimators=10), classes=classes
    )
    visualizer.fit(X_train, y_train)
    visualizer.score(X_test, y_test)
    visualizer.show()
    assert visualizer.predictions_.sum() == len(y_test)
    quick = class_prediction_error(
        RandomForestClassifier(random_state=42, n_estimators=10),
        X_train, y_train, X_test, y_test, classes=classes, show=False,
    )  # fmt: skip
    np.testing.assert_array_equal(quick.predictions_, visualizer.predictions_)


def test_residuals_plot():
    from vizkit.regressor import ResidualsPlot

    X, y = load_diabetes()
    X_train, X_test, y_train, y_test = tts(X, y, test_size=0.2, random_state=0)
    ridge = Ridge()
    visualizer = ResidualsPlot(ridge)
    visualizer.fit(X_train, y_train)
    visualizer.score(X_test, y_test)
    visualizer.show()
    assert np.isfinite(visualizer.score_)


def test_residuals_quick_method_with_qqplot():
    from vizkit.regressor import residuals_plot

    X, y = load_diabetes()
    X_train, X_test, y_train, y_test = tts(X, y, test_size=0.2, random_state=0)
    viz = residuals_plot(
        Ridge(), X_train, y_train, X_test, y_test, hist=False, qqplot=True
    )
    assert viz.qqax_ is not None


def test_pca_documented_calls():
    from vizkit.features import PCA
    from vizkit.features.pca import PCADecomposition

    X, y = load_wine()
    classes = ["class_0", "class_1", "class_2"]
    visualizer = PCA(scale=True, classes=classes)
    visualizer.fit_transform(X, y)
    visualizer.show()
    visualizer = PCA(scale=True, proj_features=True, projection=3)
    visualizer.fit_transform(X, y)
    visualizer.show()
    visualizer = PCA(scale=True, projection=2, heatmap=True)
    visualizer.fit_transform(X, y)
    visualizer.show()
    colors = np.array(["r" if yi else "b" for yi in y])
    visualizer = PCADecomposition(scale=True, color=colors, proj_dim=3)
    with pytest.warns(VizkitDeprecationWarning, match="proj_dim"):
        with pytest.warns(VizkitWarning, match="ignores color"):
            Xp = visualizer.fit_transform(X, y)
    visualizer.show()
    assert Xp.shape == (len(y), 3)


def test_pca_quick_method():
    from vizkit.features import pca_decomposition

    X, y = load_wine()
    viz = pca_decomposition(X, y, scale=True, show=False)
    assert viz.pca_components_.shape == (2, X.shape[1])


def test_class_balance_documented_calls():
    from vizkit.target import ClassBalance, class_balance

    X, y = load_wine()
    visualizer = ClassBalance(labels=["draw", "loss", "win"])
    visualizer.fit(y)
    visualizer.show()
    for train_index, test_index in TimeSeriesSplit().split(X):
        y_train, y_test = y[train_index], y[test_index]
    visualizer = ClassBalance(labels=["a", "b", "c"])
    visualizer.fit(y_train, y_test)
    visualizer.show()
    assert visualizer.support_.shape == (2, 3)
    viz = class_balance(y)
    assert viz.support_.sum() == len(y)


def test_prediction_error():
    from sklearn.linear_model import Lasso

    from vizkit.regressor import PredictionError

    # Yellowbrick downloads the concrete data; the bundled diabetes data replaces it.
    X, y = load_diabetes()
    X_train, X_test, y_train, y_test = tts(X, y, test_size=0.2, random_state=42)
    model = Lasso()
    visualizer = PredictionError(model)
    visualizer.fit(X_train, y_train)
    visualizer.score(X_test, y_test)
    visualizer.show()
    assert visualizer.score_ == pytest.approx(model.score(X_test, y_test))


def test_prediction_error_quick_method():
    from sklearn.linear_model import Lasso

    from vizkit.regressor import prediction_error

    X, y = load_diabetes()
    X_train, X_test, y_train, y_test = tts(X, y, test_size=0.2, random_state=42)
    visualizer = prediction_error(Lasso(), X_train, y_train, X_test, y_test)
    assert np.isfinite(visualizer.bestfit_slope_)


def test_cooks_distance():
    from vizkit.regressor import CooksDistance

    # Load the regression dataset (Yellowbrick's load_concrete is downloaded)
    X, y = load_diabetes()

    # Instantiate and fit the visualizer
    visualizer = CooksDistance()
    visualizer.fit(X, y)
    visualizer.show()
    assert visualizer.distance_.shape == (len(y),)
    assert visualizer.influence_threshold_ == 4 / len(y)


def test_cooks_distance_quick_method():
    from vizkit.regressor import cooks_distance

    # Load the regression dataset (Yellowbrick's load_concrete is downloaded)
    X, y = load_diabetes()

    # Instantiate and fit the visualizer
    viz = cooks_distance(X, y, draw_threshold=True, linefmt="C0-", markerfmt=",")
    assert 0 < viz.outlier_percentage_ < 100


def _wine_frame():
    """The wine data as a DataFrame, standing in for Yellowbrick's NFL receivers."""
    import pandas as pd

    data = load_wine()
    return pd.DataFrame(data.X, columns=data.feature_names)


def test_silhouette_visualizer():
    from sklearn.cluster import KMeans

    from vizkit.cluster import SilhouetteVisualizer

    X = _wine_frame()
    features = ["alcohol", "malic_acid", "ash", "flavanoids", "hue"]
    X = X.query("magnesium >= 80")[features]  # the NFL example's "Tgt >= 20"
    model = KMeans(5, random_state=42)
    visualizer = SilhouetteVisualizer(model, colors="yellowbrick")
    visualizer.fit(X)
    visualizer.show()
    assert visualizer.n_clusters_ == 5
    assert len(visualizer.silhouette_samples_) == len(X)


def test_silhouette_visualizer_quick_method():
    from sklearn.cluster import KMeans

    from vizkit.cluster import silhouette_visualizer

    X, y = load_iris(return_X_y=True)
    viz = silhouette_visualizer(KMeans(5, random_state=42), X, colors="yellowbrick")
    assert -1 <= viz.silhouette_score_ <= 1


def test_intercluster_distance():
    from sklearn.cluster import KMeans
    from sklearn.datasets import make_blobs

    from vizkit.cluster import InterclusterDistance

    X, y = make_blobs(n_samples=1000, n_features=12, centers=12, random_state=42)
    model = KMeans(6)
    visualizer = InterclusterDistance(model)
    visualizer.fit(X)
    visualizer.show()
    assert visualizer.embedded_centers_.shape == (6, 2)
    assert visualizer.scores_.sum() == 1000


def test_intercluster_distance_quick_method():
    from sklearn.cluster import MiniBatchKMeans

    from vizkit.cluster import intercluster_distance

    X = _wine_frame()  # Yellowbrick's example loads the NFL data here
    viz = intercluster_distance(MiniBatchKMeans(5, random_state=777), X)
    assert viz.scores_.sum() == len(X)


def test_alpha_selection_documented_call():
    from sklearn.linear_model import LassoCV

    from vizkit.regressor import AlphaSelection

    X, y = load_diabetes()  # Yellowbrick's docs use the concrete data
    alphas = np.logspace(-10, 1, 400)
    model = LassoCV(alphas=alphas)
    visualizer = AlphaSelection(model)
    visualizer.fit(X, y)
    visualizer.show()
    assert visualizer.alpha_ == model.alpha_
    assert len(visualizer.errors_) == 400


def test_alphas_quick_method():
    from sklearn.linear_model import LassoCV

    from vizkit.regressor.alphas import alphas

    X, y = load_diabetes()  # Yellowbrick's docs use the energy data
    viz = alphas(LassoCV(random_state=0), X, y)
    assert viz.alpha_ == viz.estimator.alpha_


def test_manual_alpha_selection_documented_call():
    from vizkit.regressor import ManualAlphaSelection

    X, y = load_diabetes()
    model = ManualAlphaSelection(Ridge(), cv=12, scoring="neg_mean_squared_error")
    model.fit(X, y)
    model.show()
    assert model.cv_scores_.shape == (len(model.alphas_), 12)


def test_kelbow_documented_calls():
    from sklearn.cluster import KMeans
    from sklearn.datasets import make_blobs

    from vizkit.cluster import KElbowVisualizer

    # Generate synthetic dataset with 8 random clusters
    X, y = make_blobs(n_samples=1000, n_features=12, centers=8, random_state=42)
    model = KMeans()
    visualizer = KElbowVisualizer(model, k=(4, 12))
    visualizer.fit(X)
    visualizer.show()
    assert list(visualizer.k_values_) == list(range(4, 12))
    assert visualizer.fit_time_ax_ is not None
    visualizer = KElbowVisualizer(
        model, k=(4, 12), metric="calinski_harabasz", timings=False
    )
    visualizer.fit(X)
    visualizer.show()
    assert visualizer.fit_time_ax_ is None
    visualizer = KElbowVisualizer(
        model, k=(4, 12), metric="calinski_harabasz", timings=False, locate_elbow=False
    )
    visualizer.fit(X)
    visualizer.show()
    assert "elbow" not in visualizer.lines_


def test_kelbow_quick_method():
    from sklearn.cluster import KMeans

    from vizkit.cluster.elbow import kelbow_visualizer

    X, y = load_iris(return_X_y=True)  # Yellowbrick's downloaded NFL data
    viz = kelbow_visualizer(KMeans(random_state=4), X, k=(2, 10))
    assert list(viz.k_values_) == list(range(2, 10))


def test_balanced_binning_reference_documented_calls():
    from vizkit.target import BalancedBinningReference, balanced_binning_reference

    X, y = load_diabetes()  # Yellowbrick's downloaded concrete data
    visualizer = BalancedBinningReference()
    visualizer.fit(y)
    visualizer.show()
    assert len(visualizer.bin_edges_) == 5
    viz = balanced_binning_reference(y)
    assert viz.n_.sum() == len(y)


def test_feature_correlation_pearson():
    from sklearn import datasets

    from vizkit.target import FeatureCorrelation

    data = datasets.load_diabetes()
    X, y = data["data"], data["target"]
    features = np.array(data["feature_names"])
    visualizer = FeatureCorrelation(labels=features)
    visualizer.fit(X, y)
    with pytest.warns(VizkitDeprecationWarning, match="poof"):
        visualizer.poof()
    assert list(visualizer.features_) == list(features)


def test_feature_correlation_mutual_info_regression():
    from sklearn import datasets

    from vizkit.target import FeatureCorrelation

    data = datasets.load_diabetes()
    X, y = data["data"], data["target"]
    features = np.array(data["feature_names"])
    discrete = [False for _ in range(len(features))]
    discrete[1] = True
    visualizer = FeatureCorrelation(method="mutual_info-regression", labels=features)
    visualizer.fit(X, y, discrete_features=discrete, random_state=0)
    with pytest.warns(VizkitDeprecationWarning, match="poof"):
        visualizer.poof()
    assert visualizer.scores_.shape == (10,)


def test_feature_correlation_mutual_info_classification():
    import pandas as pd
    from sklearn import datasets

    from vizkit.target import FeatureCorrelation

    data = datasets.load_wine()
    X, y = data["data"], data["target"]
    X_pd = pd.DataFrame(X, columns=data["feature_names"])
    features = ["alcohol", "ash", "hue", "proline", "total_phenols"]
    visualizer = FeatureCorrelation(
        method="mutual_info-classification", feature_names=features, sort=True
    )
    visualizer.fit(X_pd, y)
    with pytest.warns(VizkitDeprecationWarning, match="poof"):
        visualizer.poof()
    assert sorted(visualizer.features_) == sorted(features)


def _missing_example_data():
    """Yellowbrick's missing-values docs data: generated, NaN above 1.5."""
    from sklearn.datasets import make_classification

    X, y = make_classification(
        n_samples=400, n_features=10, n_informative=2, n_redundant=3,
        n_classes=2, n_clusters_per_class=2, random_state=854,
    )  # fmt: skip
    X[X > 1.5] = np.nan
    features = [f"Feature {n}" for n in range(10)]
    return X, y, features


def test_missing_values_bar_documented_calls():
    from vizkit.contrib.missing import MissingValuesBar

    X, y, features = _missing_example_data()
    visualizer = MissingValuesBar(features=features)
    visualizer.fit(X)  # Fit the data to the visualizer
    visualizer.show()  # Finalize and render the figure
    assert list(visualizer.nan_col_counts_) == list(np.isnan(X).sum(axis=0))
    visualizer = MissingValuesBar(features=features)
    visualizer.fit(X, y=y)  # Supply the targets via y
    visualizer.show()
    assert visualizer.nan_counts_.shape == (2, 10)


def test_missing_values_dispersion_documented_calls():
    from vizkit.contrib.missing import MissingValuesDispersion

    X, y, features = _missing_example_data()
    visualizer = MissingValuesDispersion(features=features)
    visualizer.fit(X)
    with pytest.warns(VizkitDeprecationWarning, match="poof"):
        visualizer.poof()
    assert len(visualizer.nan_locs_) == np.isnan(X).sum()
    visualizer = MissingValuesDispersion(features=features)
    visualizer.fit(X, y=y)  # supply the targets via y
    with pytest.warns(VizkitDeprecationWarning, match="poof"):
        visualizer.poof()
    assert len(visualizer.scatters_) == 2


def test_jointplot_documented_calls():
    from sklearn.datasets import load_diabetes as load_diabetes_frame

    from vizkit.features import JointPlotVisualizer

    # Yellowbrick's docs use the concrete data ("cement", "ash"): a regression frame
    X, y = load_diabetes_frame(return_X_y=True, as_frame=True)
    visualizer = JointPlotVisualizer(columns="bmi")
    visualizer.fit_transform(X, y)
    visualizer.show()
    assert visualizer.ylabel_ == "target"
    visualizer = JointPlotVisualizer(columns=["bmi", "bp"])
    visualizer.fit_transform(X, y)
    visualizer.show()
    visualizer = JointPlotVisualizer(columns="bmi", kind="hexbin")
    visualizer.fit_transform(X, y)
    visualizer.show()
    assert visualizer.yhax is not None


def test_joint_plot_quick_method():
    from sklearn.datasets import load_diabetes as load_diabetes_frame

    from vizkit.features import joint_plot

    X, y = load_diabetes_frame(return_X_y=True, as_frame=True)
    visualizer = joint_plot(X, y, columns="bmi")
    assert visualizer.xlabel_ == "bmi"


def test_explained_variance_docstring_examples():
    from vizkit.features.decomposition import (
        ExplainedVariance,
        explained_variance_visualizer,
    )

    X = load_breast_cancer().X
    visualizer = ExplainedVariance()
    visualizer.fit(X)
    visualizer.transform(X)
    visualizer.show()
    viz = explained_variance_visualizer(X, scale=True, center=True, colormap="RdBu_r")
    assert viz.n_components_ == 10


def test_rank1d_shapiro_documented_call():
    from vizkit.features import Rank1D

    # Load the credit dataset (Yellowbrick's load_credit is downloaded)
    X, y = load_breast_cancer()

    # Instantiate the 1D visualizer with the Sharpiro ranking algorithm
    visualizer = Rank1D(algorithm="shapiro")

    visualizer.fit(X, y)  # Fit the data to the visualizer
    visualizer.transform(X)  # Transform the data
    visualizer.show()  # Finalize and render the figure
    assert visualizer.ranks_.shape == (X.shape[1],)


@pytest.mark.parametrize("algorithm", ["pearson", "covariance"])
def test_rank2d_documented_calls(algorithm):
    from vizkit.features import Rank2D

    # Load the credit dataset (Yellowbrick's load_credit is downloaded)
    X, y = load_breast_cancer()

    # Instantiate the visualizer with the Pearson or covariance ranking algorithm
    visualizer = Rank2D(algorithm=algorithm)

    visualizer.fit(X, y)  # Fit the data to the visualizer
    visualizer.transform(X)  # Transform the data
    visualizer.show()  # Finalize and render the figure
    assert visualizer.ranks_.shape == (X.shape[1], X.shape[1])


def test_rank1d_rank2d_quick_methods():
    import matplotlib.pyplot as plt

    from vizkit.features import rank1d, rank2d

    # Load the regression dataset (Yellowbrick's load_concrete is downloaded)
    X, _ = load_diabetes()

    _, axes = plt.subplots(ncols=2, figsize=(8, 4))

    rank1d(X, ax=axes[0], show=False)
    rank2d(X, ax=axes[1], show=False)
    plt.show()
    assert axes[1].get_title() == "Pearson Ranking of 10 Features"


def test_manifold_documented_calls():
    from sklearn.feature_selection import SelectKBest, f_classif
    from sklearn.pipeline import Pipeline

    from vizkit.features import Manifold

    X, y = load_iris(return_X_y=True)  # Yellowbrick's downloaded occupancy data

    # Discrete target: t-SNE
    viz = Manifold(manifold="tsne")
    viz.fit_transform(X, y)  # Fit the data to the visualizer
    viz.show()  # Finalize and render the figure
    assert viz.embedding_.shape == (150, 2)
    assert viz.ax_.get_title().startswith("t-SNE Manifold (fit in")

    # Three best features, then Isomap, in a Pipeline
    X, y = load_wine()
    model = Pipeline(
        [
            ("selectk", SelectKBest(k=3, score_func=f_classif)),
            ("viz", Manifold(manifold="isomap", n_neighbors=10)),
        ]
    )
    model.fit_transform(X, y)  # Fit the data to the model
    model.named_steps["viz"].show()  # Finalize and render the figure
    assert len(model.named_steps["viz"].features_) == 3

    # Continuous target
    X, y = load_diabetes()  # Yellowbrick's downloaded concrete data
    viz = Manifold(manifold="isomap", n_neighbors=10)
    viz.fit_transform(X, y)
    viz.show()
    assert viz.colorbar_ is not None


def test_manifold_quick_method():
    from vizkit.features.manifold import manifold_embedding

    X, y = load_diabetes()  # Yellowbrick's downloaded concrete data
    viz = manifold_embedding(X, y, manifold="isomap", n_neighbors=10)
    assert viz.manifold_.n_neighbors == 10


def _occupancy_like():
    """Five named measurements and a binary target, as Yellowbrick's occupancy."""
    import pandas as pd

    data = load_breast_cancer()  # Yellowbrick's docs download the occupancy data
    features = data.feature_names[:5]
    return pd.DataFrame(data.X[:, :5], columns=features), data.y, features


def test_parallel_coordinates_documented_calls():
    from vizkit.features import ParallelCoordinates

    X, y, features = _occupancy_like()
    classes = ["malignant", "benign"]
    visualizer = ParallelCoordinates(
        classes=classes, features=features, sample=0.05, shuffle=True
    )
    visualizer.fit_transform(X, y)
    visualizer.show()
    assert visualizer.n_samples_ == int(len(y) * 0.05)
    visualizer = ParallelCoordinates(
        classes=classes,
        features=features,
        normalize="standard",
        sample=0.05,
        shuffle=True,
    )
    visualizer.fit_transform(X, y)
    visualizer.show()
    assert abs(visualizer.normalized_.mean(axis=0)).max() < 1e-9


def test_parallel_coordinates_fast_and_standard_side_by_side():
    import matplotlib.pyplot as plt

    from vizkit.features import ParallelCoordinates

    data = load_iris()
    _, axes = plt.subplots(nrows=2, figsize=(9, 9))
    for idx, fast in enumerate((False, True)):
        title = "Fast Parallel Coordinates" if fast else "Standard Parallel Coordinates"
        oz = ParallelCoordinates(ax=axes[idx], fast=fast, title=title)
        oz.fit_transform(data.data, data.target)
        oz.finalize()
        assert len(oz.lines_) == (3 if fast else 1)
    plt.tight_layout()


def test_parallel_coordinates_quick_method():
    from vizkit.features.pcoords import parallel_coordinates

    X, y, features = _occupancy_like()
    classes = ["malignant", "benign"]
    visualizer = parallel_coordinates(X, y, classes=classes, features=features)
    assert list(visualizer.features_) == list(features)


def _occupancy_frame():
    """Yellowbrick's downloaded occupancy data: binary, 5 named features.

    Replaced by the first 5 columns of the bundled breast cancer frame.
    """
    from sklearn.datasets import load_breast_cancer as sk_breast_cancer

    X, y = sk_breast_cancer(return_X_y=True, as_frame=True)
    return X.iloc[:, :5], y


def test_radviz_documented_example():
    from vizkit.features import RadViz

    # Load the classification dataset
    X, y = _occupancy_frame()

    # Specify the target classes
    classes = ["unoccupied", "occupied"]

    # Instantiate the visualizer
    visualizer = RadViz(classes=classes)

    visualizer.fit(X, y)  # Fit the data to the visualizer
    visualizer.transform(X)  # Transform the data
    visualizer.show()  # Finalize and render the figure
    assert visualizer.points_.shape == (len(X), 2)
    legend = visualizer.ax_.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == classes


def test_radviz_quick_method():
    from vizkit.features.radviz import radviz

    # Load the classification dataset
    X, y = _occupancy_frame()

    # Specify the target classes
    classes = ["unoccupied", "occupied"]

    # Instantiate the visualizer
    viz = radviz(X, y, classes=classes)
    assert list(viz.features_) == list(X.columns)


def test_feature_importances_random_forest():
    from sklearn.ensemble import RandomForestClassifier

    from vizkit.model_selection import FeatureImportances

    # Load the classification data set (Yellowbrick's load_occupancy is downloaded)
    X, y = _occupancy_frame()

    model = RandomForestClassifier(n_estimators=10)
    viz = FeatureImportances(model)
    viz.fit(X, y)
    viz.show()
    assert sorted(viz.features_) == sorted(X.columns)
    assert viz.feature_importances_[-1] == 100.0


def _concrete_like():
    """Yellowbrick's downloaded concrete data and its feature names.

    Replaced by the bundled diabetes data (regression, named features).
    """
    dataset = load_diabetes()
    X, y = dataset
    return X, y, dataset.feature_names


@pytest.mark.parametrize("topn", [None, 3])
def test_feature_importances_lasso_labels(topn):
    from sklearn.linear_model import Lasso

    from vizkit.model_selection import FeatureImportances

    # Load the regression dataset
    X, y, features = _concrete_like()

    # Title case the feature for better display and create the visualizer
    labels = list(map(lambda s: s.title(), features))
    viz = FeatureImportances(Lasso(), labels=labels, relative=False, topn=topn)

    # Fit and show the feature importances
    viz.fit(X, y)
    viz.show()
    assert set(viz.features_) <= set(labels)
    assert len(viz.features_) == (topn or len(labels))


@pytest.mark.parametrize("topn", [None, -3])
def test_feature_importances_stacked_logistic_regression(topn):
    from vizkit.model_selection import FeatureImportances

    data = load_iris()
    X, y = data.data, data.target

    # Yellowbrick's multi_class="auto", solver="liblinear" is gone from
    # scikit-learn 1.8 for multiclass targets: the default solver.
    model = LogisticRegression(max_iter=1000)
    viz = FeatureImportances(model, stack=True, relative=False, topn=topn)
    viz.fit(X, y)
    viz.show()
    assert viz.feature_importances_.shape == (3, 4 if topn is None else -topn)
    assert len(viz.bars_) == 3


def test_feature_importances_quick_method():
    from sklearn.ensemble import AdaBoostClassifier

    from vizkit.model_selection import feature_importances

    # Load dataset (Yellowbrick's load_occupancy is downloaded)
    X, y = _occupancy_frame()

    # Use the quick method and immediately show the figure
    viz = feature_importances(AdaBoostClassifier(), X, y)
    assert viz.feature_importances_std_ is not None  # AdaBoost's trees disagree


# -- model selection: learning and validation curves ---------------------------------


def _game_like():
    """Yellowbrick's downloaded game data (categorical counts, 3 classes).

    Replaced by the first 600 bundled digits: non-negative counts for
    MultinomialNB, 10 classes, each with more than 12 members.
    """
    digits = load_digits()
    return digits.data[:600], digits.target[:600]


def test_learning_curve_classification_documented_example():
    from sklearn.model_selection import StratifiedKFold
    from sklearn.naive_bayes import MultinomialNB

    from vizkit.model_selection import LearningCurve

    # Load a classification dataset
    X, y = _game_like()

    # Create the learning curve visualizer
    cv = StratifiedKFold(n_splits=12)
    sizes = np.linspace(0.3, 1.0, 10)

    # Instantiate the classification model and visualizer
    model = MultinomialNB()
    visualizer = LearningCurve(
        model, cv=cv, scoring="f1_weighted", train_sizes=sizes, n_jobs=4
    )

    visualizer.fit(X, y)  # Fit the data to the visualizer
    visualizer.show()  # Finalize and render the figure
    assert visualizer.test_scores_.shape == (10, 12)


def test_learning_curve_regression_documented_example():
    from sklearn.linear_model import RidgeCV

    from vizkit.model_selection import LearningCurve

    # Load a regression dataset
    X, y = load_diabetes()

    # Instantiate the regression model and visualizer
    sizes = np.linspace(0.3, 1.0, 10)
    model = RidgeCV()
    visualizer = LearningCurve(model, train_sizes=sizes, scoring="r2", cv=10)

    visualizer.fit(X, y)  # Fit the data to the visualizer
    visualizer.show()  # Finalize and render the figure
    assert visualizer.test_scores_mean_[-1] > 0.3


def test_learning_curve_clustering_documented_example():
    from sklearn.cluster import KMeans
    from sklearn.datasets import make_blobs

    from vizkit.model_selection import LearningCurve

    # Generate synthetic dataset with 5 random clusters
    X, y = make_blobs(n_samples=1000, centers=5, random_state=42)

    # Instantiate the clustering model and visualizer
    sizes = np.linspace(0.3, 1.0, 10)
    model = KMeans(n_init=3, random_state=0)
    visualizer = LearningCurve(
        model, cv=10, scoring="adjusted_rand_score", train_sizes=sizes
    )

    visualizer.fit(X, y)  # Fit the data to the visualizer
    visualizer.show()  # Finalize and render the figure
    assert visualizer.train_sizes_[-1] == 900


def test_learning_curve_quick_method():
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.model_selection import StratifiedKFold

    from vizkit.model_selection import learning_curve

    # Load a binary classification dataset (Yellowbrick: load_credit)
    X, y = load_breast_cancer()

    # Instantiate the classification model and visualizer
    cv = StratifiedKFold(n_splits=4)
    viz = learning_curve(
        RandomForestClassifier(n_estimators=10, random_state=0), X, y, cv=cv,
        scoring="accuracy",
    )  # fmt: skip
    assert viz.test_scores_.shape == (5, 4)


def test_validation_curve_documented_example():
    from sklearn.tree import DecisionTreeRegressor

    from vizkit.model_selection import ValidationCurve

    # Load a regression dataset (Yellowbrick: load_energy)
    X, y = load_diabetes()

    viz = ValidationCurve(
        DecisionTreeRegressor(),
        param_name="max_depth",
        param_range=np.arange(1, 11),
        cv=10,
        scoring="r2",
    )

    # Fit and show the visualizer
    viz.fit(X, y)
    viz.show()
    assert viz.test_scores_.shape == (10, 10)


def test_validation_curve_svc_gamma_documented_example():
    from sklearn.model_selection import StratifiedKFold
    from sklearn.svm import SVC

    from vizkit.model_selection import ValidationCurve

    # Load a classification dataset
    X, y = _game_like()

    # Specify the cross-validation strategy
    cv = StratifiedKFold(12)
    param_range = np.logspace(-6, -1, 12)

    oz = ValidationCurve(
        SVC(),
        param_name="gamma",
        param_range=param_range,
        logx=True,
        cv=cv,
        scoring="f1_weighted",
        n_jobs=8,
    )
    oz.fit(X, y)
    oz.show()
    assert oz.ax_.get_xscale() == "log"


def test_validation_curve_quick_method():
    from sklearn.tree import DecisionTreeRegressor

    from vizkit.model_selection import validation_curve

    # Load a regression dataset (Yellowbrick: load_energy)
    X, y = load_diabetes()

    viz = validation_curve(
        DecisionTreeRegressor(), X, y, param_name="max_depth",
        param_range=np.arange(1, 11), cv=10, scoring="r2",
    )  # fmt: skip
    assert viz.param_range_.tolist() == list(range(1, 11))


def test_cv_scores_classification_documented_example():
    import matplotlib.pyplot as plt
    from sklearn.model_selection import StratifiedKFold
    from sklearn.naive_bayes import MultinomialNB

    from vizkit.model_selection import CVScores

    # Load the classification data set
    X, y = _occupancy_frame()

    # Create a new figure and axes
    _, ax = plt.subplots()

    # Create a cross-validation strategy
    cv = StratifiedKFold(12)

    # Create the cv score visualizer
    visualizer = CVScores(MultinomialNB(), ax=ax, cv=cv, scoring="f1_weighted")

    visualizer.fit(X, y)
    with pytest.warns(VizkitDeprecationWarning, match="poof"):
        visualizer.poof()
    assert len(visualizer.cv_scores_) == 12
    assert visualizer.ax_ is ax and len(visualizer.bars_) == 12


def test_cv_scores_regression_documented_example():
    import matplotlib.pyplot as plt
    from sklearn.model_selection import KFold

    from vizkit.model_selection import CVScores

    # Load the regression data set (Yellowbrick's energy data: diabetes here)
    X, y = load_diabetes()

    # Create a new figure and axes
    _, ax = plt.subplots()

    cv = KFold(12)

    visualizer = CVScores(Ridge(), ax=ax, cv=cv, scoring="r2")

    visualizer.fit(X, y)
    visualizer.show()
    assert visualizer.cv_scores_.shape == (12,)


def test_dropping_curve_documented_example():
    from sklearn.svm import SVC

    from vizkit.model_selection import DroppingCurve

    # Load dataset
    X, y = load_digits(return_X_y=True)

    # Initialize visualizer with estimator
    visualizer = DroppingCurve(SVC())

    # Fit the data to the visualizer
    visualizer.fit(X, y)
    # Finalize and render the figure
    visualizer.show()
    assert list(visualizer.feature_sizes_) == [7, 21, 36, 50, 64]


def test_dropping_curve_quick_method():
    from sklearn.svm import SVC

    from vizkit.model_selection import dropping_curve

    # Load dataset
    X, y = load_digits(return_X_y=True)

    viz = dropping_curve(SVC(), X, y)
    assert viz.valid_scores_.shape == (5, 5)


def test_rfecv_documented_example():
    from sklearn.datasets import make_classification
    from sklearn.svm import SVC

    from vizkit.model_selection import RFECV

    # Create a dataset with only 3 informative features
    X, y = make_classification(
        n_samples=1000, n_features=25, n_informative=3, n_redundant=2,
        n_repeated=0, n_classes=8, n_clusters_per_class=1, random_state=0
    )  # fmt: skip

    # Instantiate RFECV visualizer with a linear SVM classifier
    visualizer = RFECV(SVC(kernel="linear", C=1))

    visualizer.fit(X, y)  # Fit the data to the visualizer
    visualizer.show()  # Finalize and render the figure
    assert list(visualizer.n_feature_subsets_) == list(range(1, 26))
    assert visualizer.cv_scores_.shape == (25, 5)
    assert visualizer.support_.sum() == visualizer.n_features_


def test_rfecv_credit_documented_calls():
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.model_selection import StratifiedKFold

    from vizkit.model_selection import RFECV, rfecv

    # Load classification dataset (Yellowbrick's downloaded credit data, binary:
    # here the bundled breast cancer frame's first 5 columns)
    X, y = _occupancy_frame()

    cv = StratifiedKFold(5)
    visualizer = RFECV(RandomForestClassifier(), cv=cv, scoring="f1_weighted")

    visualizer.fit(X, y)  # Fit the data to the visualizer
    visualizer.show()  # Finalize and render the figure
    assert visualizer.cv_scores_.shape == (5, 5)

    # The quick method
    visualizer = rfecv(RandomForestClassifier(), X=X, y=y, cv=cv, scoring="f1_weighted")
    assert visualizer.rfe_estimator_.n_features_ == visualizer.n_features_


def test_gridsearch_color_plot_docstring_example():
    """GridSearchColorPlot's docstring example (Yellowbrick's docs have no page).

    The docstring's ``model.fit(X)`` cannot fit an SVC in either library: the
    target is passed too. Its X is unspecified: iris (a linear SVC on the
    unscaled breast cancer data takes a minute).
    """
    from sklearn.model_selection import GridSearchCV
    from sklearn.svm import SVC

    from vizkit.gridsearch import GridSearchColorPlot

    X, y = load_iris(return_X_y=True)
    gridsearch = GridSearchCV(SVC(), {"kernel": ["rbf", "linear"], "C": [1, 10]})
    model = GridSearchColorPlot(gridsearch, x_param="kernel", y_param="C")
    model.fit(X, y)
    model.show()
    assert model.x_values_ == ["linear", "rbf"]
    assert model.y_values_ == [1, 10]
    assert model.best_scores_.shape == (2, 2)
