"""Why a regression tree predicts what it does for one patient

``PredictionPath`` follows one patient of the diabetes data (in its raw
units) down a depth-4 regression tree. The root predicts the mean disease
progression of all 442 patients, 152.13; each split on the way down moves
the prediction to the mean of a smaller group, and the bars credit each move
to the feature that was split (orange raises it, blue lowers it). Read them
with their labels: this patient's log serum triglycerides (s5 <= 4.6) pull
the prediction down by 42, a body-mass index above 26.95 pushes it up by 50,
a blood pressure of at most 97.5 and an age above 26.5 take off 19 and 5
more. The line under the axis adds them up: 152.13 at the root, 16.60 less
along the path, 135.54 at the leaf, which is what the tree predicts. Only
the features the path tests have a bar; a feature split twice has one bar,
the sum of its moves, and one range, its tightest bounds.
"""

from sklearn.datasets import load_diabetes
from sklearn.tree import DecisionTreeRegressor

from vizkit.tree import PredictionPath

X, y = load_diabetes(return_X_y=True, as_frame=True, scaled=False)
model = DecisionTreeRegressor(max_depth=4, random_state=0)

viz = PredictionPath(model, x=X.iloc[8], target_name="disease progression")
viz.fit(X, y)
viz.show()
