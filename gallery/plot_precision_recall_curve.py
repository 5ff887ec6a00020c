"""Precision-recall curves: five classes with iso-F1 curves, and a rare class

A precision-recall curve follows a classifier as its threshold drops: recall
(the share of a class's samples found) grows, and precision (the share of
the samples flagged that truly belong to the class) usually falls. The
average precision (AP) in each legend entry is the area under the steps. The
first figure is a five-class model: one one-vs-rest curve per class, read
from the model's own probabilities, and the dashed micro average of every
class decision pooled; the dotted iso-F1 curves, labelled beside the right
edge, mark where precision and recall give the same F1 score, so a curve
crossing a higher one can reach that F1. The second figure is a binary
problem where only one sample in ten is positive: the filled area is the
AP, and the dotted chance level at the positive rate (0.1) is what a model
that guesses would score, far below the ROC diagonal's 0.5.
"""

from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from vizkit.classifier import PrecisionRecallCurve
from vizkit.datasets import make_classification_data

# Five classes: per-class and micro-average curves, with iso-F1 curves.
data = make_classification_data(n_samples=2_000, n_classes=5, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(
    data.X, data.y, test_size=0.3, stratify=data.y, random_state=0
)
viz = PrecisionRecallCurve(
    LogisticRegression(max_iter=1_000),
    per_class=True,
    micro=True,
    iso_f1_curves=True,
    fill_area=False,  # six overlapping fills would hide each other
)
viz.fit(X_train, y_train)
viz.score(X_test, y_test)
viz.show()

# A rare positive class: the filled curve against the chance level.
X, y = make_classification(
    n_samples=3_000, n_features=10, n_informative=4, weights=[0.9],
    flip_y=0.05, random_state=1,
)  # fmt: skip
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=1
)
viz = PrecisionRecallCurve(LogisticRegression(max_iter=1_000), classes=["ok", "rare"])
viz.fit(X_train, y_train)
viz.score(X_test, y_test)
viz.show()
