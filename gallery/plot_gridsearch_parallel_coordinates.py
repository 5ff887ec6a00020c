"""Every candidate of a four-parameter SVM search

``GridSearchParallelCoordinates`` draws each candidate of a search as a line
through its parameter values (one vertical axis each) to its mean
cross-validated accuracy on the last axis, coloured by that score; the three
best are drawn thicker, on top. ``C`` and ``gamma`` span several decades, so
their axes are logarithmic; the kernel and the class weights (None among
them) are labelled categories. Follow the bright lines back from the top of
the score axis: the best models use the RBF kernel with a small ``gamma``,
and ``class_weight`` barely matters. The data are scikit-learn's bundled
breast cancer set.
"""

from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from vizkit.gridsearch import GridSearchParallelCoordinates

X, y = load_breast_cancer(return_X_y=True)

grid = {
    "svc__C": [0.01, 0.1, 1, 10, 100],
    "svc__gamma": [0.001, 0.01, 0.1, 1],
    "svc__kernel": ["rbf", "sigmoid"],
    "svc__class_weight": [None, "balanced"],
}
search = GridSearchCV(make_pipeline(StandardScaler(), SVC()), grid, cv=3)

viz = GridSearchParallelCoordinates(search, highlight=3, size=(900, 500))
viz.fit(X, y)
viz.show()
