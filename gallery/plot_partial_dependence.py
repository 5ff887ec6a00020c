"""Partial dependence and ICE curves of a boosted model on the diabetes data

``PartialDependence`` sets one feature of all 442 patients to each value
of a 30-point grid and averages the gradient boosting's predicted disease
progression (the dashed line); the thin lines are 100 patients' own
curves (ICE). Body mass index moves the average most, from 128 at the low
end of its grid to 210 at the high end, mostly in one step just above 0;
serum triglycerides (s5) move it from 110 to 190, blood pressure only
from 128 to 170. The ICE lines are not parallel: across the bmi grid one
patient's prediction rises by 1, another's by 168, so bmi acts through
interactions. The 2-way panel shows one of them: the prediction reaches
241 only where bmi and s5 are both high, and stays near 94 where both are
low. The ticks along the axes are the features' deciles, where the
patients actually are.
"""

from sklearn.datasets import load_diabetes
from sklearn.ensemble import GradientBoostingRegressor

from vizkit.inspection import PartialDependence

X, y = load_diabetes(return_X_y=True, as_frame=True)
model = GradientBoostingRegressor(max_depth=3, random_state=0)

viz = PartialDependence(
    model,
    features=["bmi", "bp", "s5", ("bmi", "s5")],
    kind=["both", "both", "both", "average"],
    method="brute",
    grid_resolution=30,
    subsample=100,
    random_state=0,
    n_cols=2,
)
viz.fit(X, y)
viz.show()
