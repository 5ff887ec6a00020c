"""Prediction error of a Lasso model on the diabetes data

``PredictionError`` plots each patient's measured disease progression (x)
against the model's prediction (y) on held-out data. Points on the dotted
identity line are predicted exactly. The dashed best-fit line through the
points is flatter than the identity: the model pulls its predictions towards
the mean, over-predicting mild cases and under-predicting severe ones, as a
regularised linear model with an R-squared near 0.4 does. The legend gives the
R-squared; the box gives the mean squared, root mean squared and mean
absolute errors (in the target's units) and, as the target and predictions
are positive, the mean squared logarithmic error.
"""

from sklearn.linear_model import Lasso
from sklearn.model_selection import train_test_split

from vizkit.datasets import load_diabetes
from vizkit.regressor import PredictionError

data = load_diabetes()
X_train, X_test, y_train, y_test = train_test_split(
    data.X, data.y, test_size=0.25, random_state=0
)

viz = PredictionError(Lasso(alpha=0.1))
viz.fit(X_train, y_train)
viz.score(X_test, y_test)
viz.show()
