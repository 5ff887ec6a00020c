"""Update ratios of a small network learning the digits

``UpdateRatio`` trains a two-layer perceptron (32 and 16 relu units) on the
1,797 scaled digits one epoch at a time and draws, per layer, how much its
weights change over an epoch relative to their size, ``|dW| / |W|``, on a
log axis. The first ratios (epoch 2) are large, 0.29 for the first layer
and 0.21 for the second and the output layer: the network is still far
from a solution. They fall steadily, to about 0.008 at epoch 20 and 0.004
at epoch 30, just above the shaded band (1e-3, half a decade either side)
where the usual rule of thumb wants a healthy update. The rule is stated
per gradient step, and an epoch here makes nine of them (batches of 200
rows), so an epoch's ratio a few times above the band is still healthy.
All three layers move together: none has stopped learning (vanishing
updates) or is rewriting itself (exploding ones).
"""

from sklearn.datasets import load_digits
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from vizkit.training import UpdateRatio

X, y = load_digits(return_X_y=True)
model = make_pipeline(
    StandardScaler(),
    MLPClassifier((32, 16), learning_rate_init=0.01, max_iter=30, random_state=0),
)

viz = UpdateRatio(model)
viz.fit(X, y)
viz.show()
