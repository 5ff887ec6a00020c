"""Learning curve of a support vector machine on handwritten digits, with fit times

``LearningCurve`` fits an RBF support vector classifier on 10% to 100% of
each of 5 stratified training folds of scikit-learn's bundled 8x8 digits
(1,797 images), and scores each fit on the fold's test images and on the
images it learned from. Read the gap: the training score stays near 1 while
the cross-validation score climbs from about 0.83 to 0.99, steeply at first,
so the model still gains a little from more data (its remaining errors are
variance, not bias), and the narrowing band says the folds agree more as data
grows. The panel below (``timings=True``) shows what more data costs: the fit
time grows faster than the training size, and the scoring time grows too (a
larger model has more support vectors to compare each test image with).
"""

from sklearn.datasets import load_digits
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import SVC

from vizkit.model_selection import LearningCurve

X, y = load_digits(return_X_y=True)
folds = StratifiedKFold(5, shuffle=True, random_state=0)

viz = LearningCurve(
    SVC(gamma=0.001), cv=folds, scoring="accuracy", timings=True, n_jobs=2
)
viz.fit(X, y)
viz.show()
