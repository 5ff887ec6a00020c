"""Precision-recall curves of four classifiers on a rare positive class

On a seeded problem where about one sample in ten is positive (10.3% of the
test set: the dotted line, a random model's precision), a ROC curve can
look good for a model that still floods its positive predictions with false
alarms; precision against recall shows the price of each extra positive
found. The random forest holds a precision of about 0.8 up to half of the
positives recalled and has the best average precision (0.742); the linear
models, logistic regression (0.427) and naive Bayes (0.484), fall below 0.5
precision before recalling half of them, and the depth-4 tree (0.406)
draws a staircase with one step per leaf.
"""

from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.tree import DecisionTreeClassifier

from vizkit.compare import PrecisionRecallComparison

# About one sample in ten is positive.
X, y = make_classification(
    n_samples=3_000, n_features=10, n_informative=4, weights=[0.9],
    class_sep=0.8, random_state=0,
)  # fmt: skip
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.4, stratify=y, random_state=0
)

viz = PrecisionRecallComparison(
    [
        LogisticRegression(),
        GaussianNB(),
        DecisionTreeClassifier(max_depth=4, random_state=0),
        RandomForestClassifier(n_estimators=100, random_state=0),
    ],
    names=["logistic regression", "naive Bayes", "tree, depth 4", "random forest"],
)
viz.fit(X_train, y_train)
viz.score(X_test, y_test)
viz.show()
