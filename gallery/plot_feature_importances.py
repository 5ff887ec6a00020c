"""Feature importances of a random forest, with the spread across its trees

``FeatureImportances`` ranks the 13 chemical measurements of the wine data
by the impurity importance a random forest gives them, as a percent of the
largest one (proline's). The error bars are the standard deviation of the
same importance over the forest's 200 trees. They are wide: each tree is
grown on a bootstrap sample with a random choice of features at every split,
so one tree leans on flavanoids where another leans on colour intensity, and
the forest's bars are the average of them all. Where the error bars of the
top features overlap this much, their order is not to be trusted, while the
features at the bottom matter little to any tree. (A standard deviation is
symmetric, so error bars reaching below zero do not mean negative importances.)
"""

from sklearn.ensemble import RandomForestClassifier

from vizkit.datasets import load_wine
from vizkit.model_selection import FeatureImportances

data = load_wine()
model = RandomForestClassifier(n_estimators=200, random_state=0)

viz = FeatureImportances(model, labels=data.feature_names)
viz.fit(data.X, data.y)
viz.show()
