"""Confusion matrix of a digit classifier

A Gaussian naive Bayes model is trained on the 8x8 handwritten digits bundled
with scikit-learn and scored on a held-out quarter of them. Each row of the
matrix is a true digit and each column a predicted one, so the diagonal holds
the correct answers and any bright cell off it is a pair of digits the model
mixes up (8s read as 1s, for instance). ``percent=True`` would show each row as
percentages of that digit instead of counts.
"""

from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB

from vizkit.classifier import ConfusionMatrix
from vizkit.datasets import load_digits

X, y = load_digits()
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=0
)

viz = ConfusionMatrix(GaussianNB(), fontsize=9)
viz.fit(X_train, y_train)  # fits the model: nothing is drawn yet
viz.score(X_test, y_test)  # computes confusion_matrix_ and score_ (accuracy)
viz.show()
