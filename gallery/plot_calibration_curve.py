"""Calibration curves of naive Bayes and logistic regression, side by side

A calibration curve (reliability diagram) bins the predicted probabilities of
the positive class and plots, for each bin, the fraction of samples that are
positive against the mean predicted probability. A calibrated model follows
the dotted diagonal. The data are seeded binary data whose features are
largely redundant copies of two informative ones; both models learn from
1,000 rows and are scored on 20,000. Naive Bayes counts the same evidence
several times, so it is overconfident: the histogram below shows its
probabilities piled up at 0 and 1, and its curve runs above the diagonal at
low probabilities and below it at high ones (when it says 0.85, about half
of the samples are positive). Logistic regression stays on the diagonal, its
probabilities spread over the whole range. The Brier score in each legend
(lower is better) rewards both calibrated and decisive probabilities.
"""

import matplotlib.pyplot as plt
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB

from vizkit.classifier import CalibrationCurve

X, y = make_classification(
    n_samples=21_000, n_features=20, n_informative=2, n_redundant=10,
    random_state=42,
)  # fmt: skip
X_train, X_test, y_train, y_test = train_test_split(
    X, y, train_size=1_000, random_state=42
)

fig, axes = plt.subplots(1, 2, figsize=(11, 5.5))
for model, ax in zip([GaussianNB(), LogisticRegression()], axes):
    viz = CalibrationCurve(model, ax=ax, n_bins=10)
    viz.fit(X_train, y_train)
    viz.score(X_test, y_test)
    viz.finalize()
viz.show()
