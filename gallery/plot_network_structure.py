"""Network structure of a multi-layer perceptron on the iris data

A scaled multi-layer perceptron with two hidden layers (6 and 4 ReLU units)
fitted on the 150 iris flowers (training accuracy 0.97). Each edge is one
weight, red positive and blue negative, as wide as its size. The two petal
measurements carry the network: the absolute weights leaving petal width sum
to 8.1 and petal length to 7.0, against 3.0 for sepal width and 1.4 for sepal
length, and the widest edge (2.4) runs from petal width into the top hidden
unit. Several hidden units receive only faint edges: the network uses fewer
units than it has. Wider layers than ``max_units`` would be drawn by their
first and last units and an ellipsis.
"""

from sklearn.datasets import load_iris
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from vizkit.training import NetworkStructure

data = load_iris(as_frame=True)
model = make_pipeline(
    StandardScaler(),
    MLPClassifier(hidden_layer_sizes=(6, 4), max_iter=2000, random_state=0),
)

viz = NetworkStructure(model, class_names=list(data.target_names))
viz.fit(data.data, data.target)
viz.show()
