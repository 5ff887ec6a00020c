"""Decision tree structure, with one wine's path through the tree

``DecisionTreeStructure`` draws a depth-3 decision tree fitted on the wine
data, without Graphviz. Each split box states its rule (a wine goes left
when it holds) and how many training wines reach it, above a histogram of
the split feature over those wines, stacked by class; the black wedge marks
the threshold. The root splits on proline: 57 of the 67 wines above 755 are
class_0, so the right branch mostly predicts class_0, while the left branch
separates class_1 from class_2 with the OD280/OD315 ratio and then the hue.
Each leaf names its predicted class and its number of wines, with its class
mix as a bar. Wine 60, a class_1 wine, has its path drawn thick and its
value as a thin line in each histogram along it: a low proline and OD280
ratio send it towards class_2, and only its high hue rescues it, into a leaf
of six wines (five class_1, one class_2). A prediction that rests on a leaf
this small deserves less trust than one from the large leaves beside it.
"""

from sklearn.tree import DecisionTreeClassifier

from vizkit.datasets import load_wine
from vizkit.tree import DecisionTreeStructure

data = load_wine()
model = DecisionTreeClassifier(max_depth=3, random_state=0)

viz = DecisionTreeStructure(
    model,
    feature_names=data.feature_names,
    class_names=data.target_names,
    x=data.X[60],
)
viz.fit(data.X, data.y)
viz.show()
