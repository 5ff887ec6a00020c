"""Grid search scores of an SVM over C and gamma

``GridSearchColorPlot`` projects a grid search onto two of its parameters:
each cell is the best mean cross-validated accuracy of the candidates with
that pair of values of ``C`` (across) and ``gamma`` (up), the best over the
kernels searched with them, and the best cell is outlined. Read the band of
good cells: large ``gamma`` over-fits whatever ``C`` is, while small
``gamma`` needs a large ``C``, so the best models lie along a diagonal. The
data are scikit-learn's bundled breast cancer set.
"""

from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from vizkit.gridsearch import GridSearchColorPlot

X, y = load_breast_cancer(return_X_y=True)

grid = {
    "svc__C": [0.01, 0.1, 1, 10, 100],
    "svc__gamma": [0.0001, 0.001, 0.01, 0.1, 1],
    "svc__kernel": ["rbf", "sigmoid"],
}
search = GridSearchCV(make_pipeline(StandardScaler(), SVC()), grid, cv=3)

viz = GridSearchColorPlot(search, x_param="svc__C", y_param="svc__gamma")
viz.fit(X, y)
viz.show()
