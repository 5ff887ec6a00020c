"""Small seeded example data for each kind of visualizer.

Each visualizer's declaration names one of these factories; the conformance
checks (``tests/test_common.py``) feed it that data. Every call returns fresh
arrays and a fresh, unfitted model.
"""

from __future__ import annotations

from vizkit.registry import Example


def classification() -> Example:
    """150 rows, 5 features, 3 classes, with a logistic regression."""
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression

    X, y = make_classification(
        n_samples=150, n_features=5, n_informative=3, n_redundant=0,
        n_classes=3, n_clusters_per_class=1, random_state=0,
    )  # fmt: skip
    return Example(X, y, lambda: LogisticRegression(max_iter=500))


def regression() -> Example:
    """150 rows, 5 features, a noisy linear target, with a ridge regression."""
    from sklearn.datasets import make_regression
    from sklearn.linear_model import Ridge

    X, y = make_regression(n_samples=150, n_features=5, noise=5, random_state=0)
    return Example(X, y, Ridge)


def regression_data() -> Example:
    """The regression data, without a model: for visualizers that fit their own."""
    example = regression()
    return Example(example.X, example.y)


def regression_cv() -> Example:
    """The regression data, with a LassoCV (it cross-validates its own alpha)."""
    from sklearn.linear_model import LassoCV

    example = regression()
    return Example(example.X, example.y, LassoCV)


def features() -> Example:
    """The classification data, without a model: for feature visualizers."""
    example = classification()
    return Example(example.X, example.y)


def target() -> Example:
    """The classification data's target (X kept for Pipeline checks)."""
    return features()


def binary() -> Example:
    """150 rows, 5 features, 2 classes, with a logistic regression."""
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression

    X, y = make_classification(
        n_samples=150, n_features=5, n_informative=3, n_redundant=0,
        random_state=0,
    )  # fmt: skip
    return Example(X, y, lambda: LogisticRegression(max_iter=500))


def blobs() -> Example:
    """150 rows, 5 features in 4 well-separated blobs, with a 4-means model."""
    from sklearn.cluster import KMeans
    from sklearn.datasets import make_blobs

    X, y = make_blobs(n_samples=150, n_features=5, centers=4, random_state=0)
    return Example(X, y, lambda: KMeans(n_clusters=4, n_init=3, random_state=0))


def agglomerative() -> Example:
    """The blobs data, with a Ward tree cut at distance 30 (its four blobs)."""
    from sklearn.cluster import AgglomerativeClustering

    example = blobs()
    # distance_threshold, a float, lets the conformance checks search over it.
    return Example(
        example.X,
        example.y,
        lambda: AgglomerativeClustering(n_clusters=None, distance_threshold=30.0),
    )


def missing() -> Example:
    """The classification data with about 8% of its values missing (NaN).

    The missing cells are chosen by a seeded generator, more of them in the
    later columns, so the counts per feature differ.
    """
    import numpy as np

    example = classification()
    X = example.X.copy()
    rng = np.random.default_rng(0)
    rates = np.linspace(0.02, 0.15, X.shape[1])  # per column
    X[rng.random(X.shape) < rates] = np.nan
    return Example(X, example.y)


def joint() -> Example:
    """Two features of the classification data and its classes: a joint plot."""
    example = classification()
    return Example(example.X[:, :2], example.y)


def validation() -> Example:
    """The classification data, with a logistic regression and four values of C."""
    example = classification()
    params = {"param_name": "C", "param_range": (0.01, 0.1, 1.0, 10.0)}
    return Example(example.X, example.y, example.estimator, params)


def learning() -> Example:
    """The classification data and model, with training sizes of 30% and up.

    A seeded shuffle, and no size so small that a fold of a 100-row subset
    (cross_val_score over the visualizer) holds a single class.
    """
    example = classification()
    params = {"train_sizes": (0.3, 0.65, 1.0), "random_state": 0}
    return Example(example.X, example.y, example.estimator, params)


def grid_search() -> Example:
    """The binary data, with a GridSearchCV of a logistic regression (cv=3).

    Two parameters, four candidates (one value is None), so the search is fast
    enough to be fitted many times. A failed fit raises (``error_score="raise"``;
    the default NaN would also not compare equal to itself in clone checks).
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV

    example = binary()
    grid = {"C": [0.1, 1.0], "class_weight": [None, "balanced"]}
    return Example(
        example.X,
        example.y,
        lambda: GridSearchCV(
            LogisticRegression(max_iter=500), grid, cv=3, error_score="raise"
        ),
    )


def grid_search_3d() -> Example:
    """The binary data, with a GridSearchCV over three parameters (cv=3).

    Eight candidates: C spans two decades (a log axis), class_weight holds
    None and a string, fit_intercept booleans.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV

    example = binary()
    grid = {
        "C": [0.01, 1.0],
        "class_weight": [None, "balanced"],
        "fit_intercept": [True, False],
    }
    return Example(
        example.X,
        example.y,
        lambda: GridSearchCV(
            LogisticRegression(max_iter=500), grid, cv=3, error_score="raise"
        ),
    )


def comparison() -> Example:
    """The classification data, with two models to compare (a fresh list)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import GaussianNB

    example = classification()
    return Example(
        example.X, example.y, lambda: [LogisticRegression(max_iter=500), GaussianNB()]
    )


def regression_comparison() -> Example:
    """The regression data, with two regressors to compare (a fresh list)."""
    from sklearn.linear_model import Ridge
    from sklearn.tree import DecisionTreeRegressor

    example = regression()
    return Example(
        example.X,
        example.y,
        lambda: [Ridge(), DecisionTreeRegressor(max_depth=3, random_state=0)],
    )


def tree_classification() -> Example:
    """The classification data, with a depth-3 decision tree (seeded)."""
    from sklearn.tree import DecisionTreeClassifier

    example = classification()
    return Example(
        example.X,
        example.y,
        lambda: DecisionTreeClassifier(max_depth=3, random_state=0),
    )


def tree_regression() -> Example:
    """The regression data, with a depth-3 decision tree regressor (seeded)."""
    from sklearn.tree import DecisionTreeRegressor

    example = regression()
    return Example(
        example.X,
        example.y,
        lambda: DecisionTreeRegressor(max_depth=3, random_state=0),
    )


def tree_path() -> Example:
    """The tree classification example, with the instance to explain (row 0)."""
    example = tree_classification()
    # A tuple: parameters compare by value in the checks (an array does not).
    return Example(
        example.X, example.y, example.estimator, {"x": tuple(example.X[0].tolist())}
    )


def incremental() -> Example:
    """The classification data, with a seeded SGD classifier (``partial_fit``)."""
    from sklearn.linear_model import SGDClassifier

    example = classification()
    return Example(
        example.X, example.y, lambda: SGDClassifier(loss="log_loss", random_state=0)
    )


def mlp() -> Example:
    """The classification data, with a small seeded multi-layer perceptron.

    Two hidden layers (8 and 4 units), so the per-layer views have more than
    one layer to draw; few iterations, to keep the checks fast.
    """
    from sklearn.neural_network import MLPClassifier

    example = classification()
    return Example(
        example.X,
        example.y,
        lambda: MLPClassifier(
            hidden_layer_sizes=(8, 4),
            max_iter=15,
            learning_rate_init=0.01,
            random_state=0,
        ),  # fmt: skip
    )


def explained_instance() -> Example:
    """The classification example, with the instance to explain (row 0)."""
    example = classification()
    # A tuple: parameters compare by value in the checks (an array does not).
    return Example(
        example.X, example.y, example.estimator, {"x": tuple(example.X[0].tolist())}
    )


def partial_dependence() -> Example:
    """The regression example, PD and ICE of two features on a coarse grid."""
    example = regression()
    params = {"features": (0, 1), "grid_resolution": 20, "kind": "both"}
    return Example(example.X, example.y, example.estimator, params)
