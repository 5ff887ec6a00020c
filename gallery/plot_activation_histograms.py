"""Activations and dead units of a network trained with a large step

``ActivationHistograms`` trains a two-layer relu perceptron (32 and 16
units) on the 1,797 scaled digits for 30 epochs with a large learning rate
(0.05), and runs 1,000 sampled rows forward through the weights of every
epoch. Each panel is one hidden layer's outputs over the epochs, coloured
on a log scale: the dark bottom row is relu's zeros, 58% of the first
layer's outputs and 78% of the second's after the last epoch. The bottom
panel counts the units that are zero on every sampled row: two of the
second layer's 16 units (12.5%) die in the first epoch and never come
back, while the network still fits the training digits (98.9% accuracy).
A smaller step (0.01) keeps every unit alive.
"""

from sklearn.datasets import load_digits
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from vizkit.training import ActivationHistograms

X, y = load_digits(return_X_y=True)
model = make_pipeline(
    StandardScaler(),
    MLPClassifier((32, 16), learning_rate_init=0.05, max_iter=30, random_state=0),
)

viz = ActivationHistograms(model, sample=1000, random_state=0)
viz.fit(X, y)
viz.show()
