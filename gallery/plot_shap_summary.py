"""SHAP summary of a gradient boosting model on the diabetes data

SHAP values (computed with the optional ``shap`` package, drawn by vizkit)
of a gradient boosting regressor on the 442 diabetes patients: one point per
patient and feature, at how far that feature moves the predicted disease
progression from the average prediction (152), coloured by the feature's
value. ``s5`` (a blood serum measurement, mean absolute SHAP value 23.9) and ``bmi``
(22.3) matter most, and both push the prediction up when they are high: a
high bmi adds up to 101 to one patient's prediction, a low one removes up to
41. ``s4`` matters least (1.3). ``kind="bar"`` draws the mean absolute
values alone.
"""

from sklearn.datasets import load_diabetes
from sklearn.ensemble import GradientBoostingRegressor

from vizkit.inspection import ShapSummary

data = load_diabetes(as_frame=True)
model = GradientBoostingRegressor(n_estimators=100, max_depth=3, random_state=0)

viz = ShapSummary(model, random_state=0)
viz.fit(data.data, data.target)
viz.show()
