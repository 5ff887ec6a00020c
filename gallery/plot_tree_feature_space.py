"""Decision regions of a tree in two features

``TreeFeatureSpace`` shows how a depth-3 decision tree, trained on two of the
wine data's measurements, cuts their plane into rectangles: one per leaf,
filled with the colour of the cultivar the leaf predicts, with the 178 wines
drawn over them in the colour of their true cultivar. Every side of a
rectangle is a threshold the tree tests. The first cut is vertical, at a
proline of 755. To its left, flavanoids below 1.24 mean class_2 and above
it class_1; to its right, flavanoids above 2.17 mean class_0, below it
class_1, and below 0.90 class_2. The cuts at flavanoids 0.97, 1.40 and 2.30
split a rectangle into two of the same colour: they purify leaves without
changing the prediction. Points on a rectangle of another colour are the
tree's training errors (7% of the wines): orange ones in the green strip at
the bottom left, a blue one in the orange band above it. A tree trained on
more features draws overlapping rectangles in any two of them, as it also
cuts on the others.
"""

from sklearn.tree import DecisionTreeClassifier

from vizkit.datasets import load_wine
from vizkit.tree import TreeFeatureSpace

data = load_wine()
features = ["proline", "flavanoids"]
X = data.X[:, [data.feature_names.index(name) for name in features]]
model = DecisionTreeClassifier(max_depth=3, random_state=0)

viz = TreeFeatureSpace(
    model, feature_names=features, class_names=data.target_names, target_name="cultivar"
)
viz.fit(X, data.y)
viz.show()
