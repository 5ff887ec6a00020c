"""Leaf sizes of a decision tree on the wine data

``LeafSizes`` draws one bar per leaf of a depth-4 tree grown on the 178
wines, in the order of the leaves' node ids (the ids ``apply`` returns), its
height the number of training wines that end in that leaf. Three leaves (4,
8 and 16) hold 144 of the wines between them; the other six hold 5 to 8
each, the smallest that ``min_samples_leaf=5`` allows. A prediction made by
one of those small leaves rests on a handful of wines: read this plot beside
the leaf purity plot, where the same small leaves are the mixed ones. For a
tree with hundreds of leaves, ``display_type="hist"`` draws a histogram of
the sizes instead.
"""

from sklearn.tree import DecisionTreeClassifier

from vizkit.datasets import load_wine
from vizkit.tree import LeafSizes

data = load_wine()
model = DecisionTreeClassifier(max_depth=4, min_samples_leaf=5, random_state=0)

viz = LeafSizes(model)
viz.fit(data.X, data.y)
viz.show()
