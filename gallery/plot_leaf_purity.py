"""Leaf purity of a decision tree on the wine data

``LeafPurity`` draws the Gini impurity of each leaf of the same depth-4 tree
as the leaf sizes example (the axis names the tree's criterion): 0 for a
leaf whose training wines are all one cultivar, up to 2/3 for a leaf of
three cultivars in equal shares. The three large leaves (4, 8 and 16) are
pure; the impure ones are all small leaves of 5 to 8 wines, where
``min_samples_leaf=5`` stopped the tree before it could separate them. Leaf
11, at 0.64, holds two wines of one cultivar, one of a second and two of a
third: its prediction is little better than a guess.
"""

from sklearn.tree import DecisionTreeClassifier

from vizkit.datasets import load_wine
from vizkit.tree import LeafPurity

data = load_wine()
model = DecisionTreeClassifier(max_depth=4, min_samples_leaf=5, random_state=0)

viz = LeafPurity(model)
viz.fit(data.X, data.y)
viz.show()
