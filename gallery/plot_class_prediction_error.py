"""Class prediction error of a five-class model

A logistic regression is trained on a seeded five-class problem from
``vizkit.datasets`` whose classes overlap, and scored on held-out data. Each
bar is one true class, as tall as its number of test samples, split by the
class the model predicted for them: the segment in the bar's own colour is
what the model got right, the other colours show which classes it was
mistaken for. A bar mostly of one other colour points at a pair of classes
the model cannot separate. ``percent=True`` would draw every bar to 100%.
"""

from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from vizkit.classifier import ClassPredictionError
from vizkit.datasets import make_classification_data

data = make_classification_data(n_samples=1_500, n_classes=5, random_state=3)
X_train, X_test, y_train, y_test = train_test_split(
    data.X, data.y, test_size=0.3, stratify=data.y, random_state=0
)

viz = ClassPredictionError(
    LogisticRegression(max_iter=1_000), classes=data.target_names
)
viz.fit(X_train, y_train)
viz.score(X_test, y_test)  # computes predictions_ and score_ (accuracy)
viz.show()
