"""ROC curves of a three-class model: per class, micro and macro average

ROC curves are a binary tool; for three classes ``ROCAUC`` draws one
one-vs-rest curve per class, plus the micro average (every class's decisions
pooled into one curve) and the macro average (the mean of the per-class
curves). The dotted diagonal is a model that guesses. The data are a seeded
three-class problem from ``vizkit.datasets`` with overlapping classes, so the
curves are informative rather than perfect.
"""

from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from vizkit.classifier import ROCAUC
from vizkit.datasets import make_classification_data

data = make_classification_data(n_samples=1_500, n_classes=3, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(
    data.X, data.y, test_size=0.3, stratify=data.y, random_state=0
)

viz = ROCAUC(
    LogisticRegression(max_iter=1_000),
    per_class=True,
    micro=True,
    macro=True,
)
viz.fit(X_train, y_train)
viz.score(X_test, y_test)
viz.show()
