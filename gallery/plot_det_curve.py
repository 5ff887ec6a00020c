"""DET curves of a three-class model: misses against false alarms

A detection error tradeoff (DET) curve plots the two kinds of mistakes a
threshold makes, the false negative rate (members of the class missed) against
the false positive rate (others taken for it), on normal-deviate axes labelled
in percent. Those axes stretch the low error rates, where a ROC curve hugs its
corner, so a curve closer to the lower left is a better model, and a classifier
whose scores are roughly normal in each class draws a nearly straight line.
``DETCurve`` draws one one-vs-rest curve per class and marks its equal error
rate (EER), read where the curve meets the dotted diagonal FPR = FNR; the
legend gives each class's EER and their mean, the visualizer's score (lower is
better). The data are the seeded three-class problem of the ROC example, so the
two pictures can be compared.
"""

from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from vizkit.classifier import DETCurve
from vizkit.datasets import make_classification_data

data = make_classification_data(n_samples=1_500, n_classes=3, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(
    data.X, data.y, test_size=0.3, stratify=data.y, random_state=0
)

viz = DETCurve(LogisticRegression(max_iter=1_000))
viz.fit(X_train, y_train)
viz.score(X_test, y_test)  # score_: the mean equal error rate
viz.show()
