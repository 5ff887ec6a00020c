"""Two hundred thousand rows: density rendering of PCA and residual plots

Above 50,000 points (``vizkit.draw.DENSITY_THRESHOLD``) vizkit draws 2-D
scatters as a binned image instead of one marker per row: each bin takes the
colour of its majority class (or the mean value), and its opacity grows with
the number of points in it. The figure keeps the same axes, colours and
legend, says in a corner note that the points were binned, and renders in
well under a second. Here a PCA of 200,000 seeded rows, and the residuals of a
linear model fitted on half of 200,000 rows and tested on the other half.
"""

from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split

from vizkit.datasets import make_classification_data, make_regression_data
from vizkit.features import PCA
from vizkit.regressor import ResidualsPlot

# PCA: 200,000 rows, three classes.
data = make_classification_data(n_samples=200_000, n_features=10, n_classes=3)
pca = PCA(scale=True, classes=data.target_names)
pca.fit_transform(data.X, data.y)
pca.show()

# Residuals: 100,000 training rows and 100,000 test rows, both binned.
X, y = make_regression_data(n_samples=200_000, n_features=10, noise=20.0)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, random_state=0)
viz = ResidualsPlot(LinearRegression())
viz.fit(X_train, y_train)
viz.score(X_test, y_test)
viz.show()
