"""Cumulative gain and lift of a response model on an imbalanced campaign

A marketing team can contact only the customers a model scores highest. Both
plots rank the test customers by the model's probability of responding
(about one in ten does) and read, for each share of them contacted, what the
contact buys. On the left, the cumulative gain: the share of all responders
reached; the dotted diagonal is contacting at random and the dashed line a
perfect model, which reaches every responder once it has contacted as many
customers as there are responders. On the right, the lift: how many times
more responders the contacted customers hold than a random pick (1 on the
dotted line). The dots and the legends read both at the top 10% contacted.
The data are a seeded imbalanced problem from scikit-learn's
``make_classification``.
"""

import matplotlib.pyplot as plt
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from vizkit.classifier import CumulativeGain, LiftCurve

X, y = make_classification(
    n_samples=4_000, n_features=10, n_informative=6, n_redundant=0,
    n_clusters_per_class=1, weights=[0.9], flip_y=0.01, class_sep=0.6,
    random_state=0,
)  # fmt: skip
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=0
)
classes = ["ignores", "responds"]

fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5), layout="constrained")
model = LogisticRegression(max_iter=1_000)

gain = CumulativeGain(model, ax=left, classes=classes, at=0.1)
gain.fit(X_train, y_train)  # fits the model
gain.score(X_test, y_test)

lift = LiftCurve(model, ax=right, classes=classes, at=0.1, is_fitted=True)
lift.score(X_test, y_test)  # the same fitted model, not refitted

gain.finalize()  # draws the left panel
lift.show()
