"""A local explanation of a random forest's diagnosis of one tumour

``LocalExplanation`` explains one held-out tumour of the breast cancer data
(row 116 of the test quarter), which a 100-tree random forest trained on the
other 426 calls benign with probability 0.62. It perturbs the tumour's 30
measurements 5,000 times by 0.3 training standard deviations, asks the
forest for P(benign) on each, and fits a line weighted towards the closest
perturbations. Each bar is a feature's slope times the tumour's distance
from the average tumour. Its low texture (worst texture 19.6 against a
training mean of 25.6, texture error 0.64 against 1.21, mean texture 14.9
against 19.2) raises P(benign) by 0.08, 0.05 and 0.05; its large size (worst
perimeter 116, worst radius 17.7, mean and worst area) lowers it by 0.05,
0.02, 0.02 and 0.02. The line under the axis adds them up: 0.512 for the
average tumour, 0.095 more for this one, 0.606 where the forest says 0.62.
A local R^2 of 0.74 says the line follows the forest's steps only roughly:
trust the large bars more than the small ones. With the default
``scale=1.0`` the neighbourhood spans a whole standard deviation of all 30
features at once and the line at the tumour drops to 0.545 (R^2 0.69), so
the narrower neighbourhood is the more faithful one here.
"""

from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

from vizkit.inspection import LocalExplanation

data = load_breast_cancer(as_frame=True)
y = data.target_names[data.target]  # "malignant" or "benign"
X_train, X_test, y_train, y_test = train_test_split(data.data, y, random_state=0)
model = RandomForestClassifier(n_estimators=100, random_state=0)

# Perturbations of 0.3 training standard deviations: a narrow neighbourhood.
viz = LocalExplanation(model, x=X_test.iloc[116], scale=0.3, top_n=10, random_state=0)
viz.fit(X_train, y_train)
viz.show()
