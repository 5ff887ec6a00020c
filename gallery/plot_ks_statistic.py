"""Kolmogorov-Smirnov chart of a binary model: how far apart the scores are

For each threshold on the model's predicted probability of the positive class,
the two curves give the fraction of each class scored at or below it: the
empirical score distributions (CDFs) of the positive and the negative class.
The further apart they are, the better the scores separate the classes. Their
largest vertical gap, marked by the dashed line, is the two-sample
Kolmogorov-Smirnov statistic (0: no separation, 1: perfect); the legend's title
gives it and the threshold where it is reached, the threshold that maximises
the true positive rate minus the false positive rate. The data are a seeded,
noisy binary problem with 30% positives, from scikit-learn's generator; a
multiclass model would get one gap curve per class instead.
"""

from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from vizkit.classifier import KSStatistic

X, y = make_classification(
    n_samples=2_000, n_features=8, n_informative=3, n_redundant=1,
    weights=[0.7, 0.3], class_sep=1.5, flip_y=0.05, random_state=0,
)  # fmt: skip
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.3, stratify=y, random_state=0
)

viz = KSStatistic(LogisticRegression(max_iter=1_000))
viz.fit(X_train, y_train)
viz.score(X_test, y_test)  # score_: the KS statistic
viz.show()
