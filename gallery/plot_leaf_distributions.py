"""Classes and target values in the leaves of two decision trees

``LeafDistributions`` shows what the training samples in each leaf are. On
the left, a depth-4 classification tree on the wine data: one bar per leaf,
stacked by cultivar, so a one-colour bar is a pure leaf and its height is the
leaf's size. The three tall leaves are each one cultivar; all short ones but
leaf 10 mix two or three, and leaf 11 holds all three. On the right, a depth-4
regression tree on the diabetes data: the disease progression of each
patient in a leaf as a point (spread sideways so they do not overlap), and
the leaf's prediction, the mean of its patients, as a black line. Leaves
with a wide cloud, such as 15 and 26, predict a mean of patients whose
values range over 200 points, while leaves 11 and 12 predict from a single
patient each, the signs of a tree that is at once too shallow and too deep.
"""

import matplotlib.pyplot as plt
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from vizkit.datasets import load_diabetes, load_wine
from vizkit.tree import LeafDistributions

wine, diabetes = load_wine(), load_diabetes()
fig, (left, right) = plt.subplots(1, 2, figsize=(13, 5))

classes = LeafDistributions(
    DecisionTreeClassifier(max_depth=4, min_samples_leaf=5, random_state=0),
    ax=left,
    class_names=wine.target_names,
    target_name="cultivar",
)
classes.fit(wine.X, wine.y)
classes.finalize()

targets = LeafDistributions(
    DecisionTreeRegressor(max_depth=4, random_state=0),
    ax=right,
    target_name="disease progression",
)
targets.fit(diabetes.X, diabetes.y)
targets.finalize()
fig.tight_layout()
