# %% [rst]
# This page is a notebook: the docs build runs it in a Jupyter kernel with
# the inline backend (``%matplotlib inline``), exactly as you would, and
# shows every cell's code, what it printed and the figures it displayed. Its
# source, ``docs/notebook_tour.py``, is a percent-format script: open it in
# an editor that reads ``# %%`` cells, or run it with ``python``.
#
# Loading data
# ------------
#
# ``vizkit.datasets`` returns scikit-learn's bundled data sets (nothing is
# downloaded), unpacked as ``X, y`` and with their feature and class names.

# %%
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from vizkit import VisualizerGrid
from vizkit.classifier import ROCAUC, ClassificationReport, ConfusionMatrix
from vizkit.datasets import load_breast_cancer, load_diabetes
from vizkit.regressor import residuals_plot

cancer = load_breast_cancer()
X_train, X_test, y_train, y_test = train_test_split(
    cancer.X, cancer.y, test_size=0.3, stratify=cancer.y, random_state=0
)
model = make_pipeline(StandardScaler(), LogisticRegression())
print(f"{len(X_train)} training rows, {len(X_test)} test rows")
print("classes:", cancer.target_names)

# %% [rst]
# A visualizer, step by step
# --------------------------
#
# ``fit`` trains the model, ``score`` computes the curves on the test rows,
# ``show`` draws them. In a notebook, ``show()`` displays the figure once
# and closes it, so the inline backend does not display it again at the end
# of the cell. ``show()`` returns the Axes, hence the ``<Axes: ...>`` line
# under the picture, as in Yellowbrick.

# %%
roc = ROCAUC(model, classes=cancer.target_names)
roc.fit(X_train, y_train)
roc.score(X_test, y_test)
roc.show()

# %% [rst]
# The numbers behind the picture
# ------------------------------
#
# Everything a visualizer computes is kept in attributes ending in ``_``
# (Yellowbrick's names), so the figure and the numbers always agree.
# ``score`` returned the accuracy; the confusion matrix counts test rows by
# true class (rows) and predicted class (columns).

# %%
matrix = ConfusionMatrix(model, classes=cancer.target_names)
matrix.fit(X_train, y_train)
accuracy = matrix.score(X_test, y_test)
print(f"accuracy: {accuracy:.4f}")
print(matrix.confusion_matrix_)

# %% [rst]
# Nothing was drawn yet: ``fit`` and ``score`` only compute. A visualizer
# left as the last expression of a cell is shown as its parameters (and
# scikit-learn's HTML summary in Jupyter), not as a picture. ``plot()``
# draws it; the inline backend displays that figure when the cell ends, once.

# %%
matrix.plot()

# %% [rst]
# Without a model: ``from_predictions``
# -------------------------------------
#
# Predictions made elsewhere (another library, a saved file, a service) are
# enough for the score visualizers, as for scikit-learn's ``Display``
# classes.

# %%
y_pred = model.predict(X_test)  # the model roc.fit trained above
ClassificationReport.from_predictions(
    y_test, y_pred, classes=cancer.target_names
).show()

# %% [rst]
# Several plots in one figure
# ---------------------------
#
# ``VisualizerGrid`` fits and scores copies of the visualizers it is given
# and draws them side by side on one figure: one picture for the cell.

# %%
names = cancer.target_names
grid = VisualizerGrid(
    [
        ROCAUC(model, classes=names, title="ROC curves"),
        ConfusionMatrix(model, classes=names, title="Confusion matrix"),
    ],
    ncols=2,
)
grid.fit(X_train, y_train)
grid.score(X_test, y_test)
grid.show()

# %% [rst]
# Quick methods
# -------------
#
# Each visualizer has a function that builds, fits, scores and shows it in
# one call and returns the visualizer.

# %%
diabetes = load_diabetes()
Xr_train, Xr_test, yr_train, yr_test = train_test_split(
    diabetes.X, diabetes.y, random_state=0
)
residuals = residuals_plot(Ridge(), Xr_train, yr_train, Xr_test, yr_test)

# %%
print(f"test R2: {residuals.score_:.4f}")
