"""A few pixel comparisons against figures drawn by hand with plain matplotlib.

Numbers are checked elsewhere; these catch what numbers cannot (z-order,
colours, limits, styles). The reference is built from scikit-learn's own
computations, and text is stripped from both sides, so no baseline image
has to be stored or regenerated when fonts change.
"""

import numpy as np
from matplotlib.testing.decorators import check_figures_equal
from sklearn.datasets import make_classification, make_regression
from sklearn.decomposition import PCA as SkPCA
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import roc_curve
from sklearn.preprocessing import StandardScaler, label_binarize

from vizkit.classifier import ROCAUC
from vizkit.features import PCA
from vizkit.regressor import ResidualsPlot
from vizkit.style import LINE_COLOR


def strip_text(fig):
    """Remove titles, labels, tick labels, legends and notes."""
    for ax in fig.axes:
        ax.set_title("")
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.set_xticks([])
        ax.set_yticks([])
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        for text in list(ax.texts):
            text.remove()


@check_figures_equal(extensions=["png"])
def test_rocauc_per_class_curves_equal_hand_drawn(fig_test, fig_ref):
    X, y = make_classification(
        n_samples=300, n_classes=3, n_informative=4, random_state=0
    )
    model = LogisticRegression(max_iter=1000).fit(X, y)
    ROCAUC(model, micro=False, macro=False).fit(X, y).score(X, y)
    viz = ROCAUC(model, micro=False, macro=False)
    viz.score(X, y)
    viz.plot(ax=fig_test.subplots())

    ax = fig_ref.subplots()
    scores = model.predict_proba(X)
    onehot = label_binarize(y, classes=[0, 1, 2])
    colors = viz.class_colors_
    for k in range(3):
        fpr, tpr, _ = roc_curve(onehot[:, k], scores[:, k])
        ax.plot(fpr, tpr, color=colors[k], clip_on=False, zorder=3)
    ax.plot([0, 1], [0, 1], linestyle=":", color=LINE_COLOR)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    strip_text(fig_test)
    strip_text(fig_ref)


@check_figures_equal(extensions=["png"])
def test_residual_scatters_equal_hand_drawn(fig_test, fig_ref):
    X, y = make_regression(n_samples=200, n_features=4, noise=10, random_state=0)
    X_train, X_test, y_train, y_test = X[:150], X[150:], y[:150], y[150:]
    model = Ridge().fit(X_train, y_train)
    viz = ResidualsPlot(model, hist=False).fit(X_train, y_train)
    viz.score(X_test, y_test)
    viz.plot(ax=fig_test.subplots())

    ax = fig_ref.subplots()
    for X_part, y_part, color in ((X_train, y_train, "b"), (X_test, y_test, "g")):
        predicted = model.predict(X_part)
        ax.scatter(predicted, y_part - predicted, color=color, alpha=0.75)
    ax.axhline(0, color=LINE_COLOR)
    strip_text(fig_test)
    strip_text(fig_ref)


@check_figures_equal(extensions=["png"])
def test_pca_scatter_equals_hand_drawn(fig_test, fig_ref):
    X, y = make_classification(
        n_samples=200, n_classes=3, n_informative=4, random_state=1
    )
    colors = ["#0272a2", "#9fc377", "#ca0b03"]
    viz = PCA(colors=colors).fit(X, y)
    viz.plot(ax=fig_test.subplots())

    ax = fig_ref.subplots()
    projected = SkPCA(2).fit_transform(StandardScaler().fit_transform(X))
    ax.scatter(projected[:, 0], projected[:, 1], color=np.array(colors)[y], alpha=0.75)
    strip_text(fig_test)
    strip_text(fig_ref)
