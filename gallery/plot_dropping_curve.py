"""Feature-dropping curve of a digits classifier

``DroppingCurve`` keeps a random subset of the 64 pixels of scikit-learn's
bundled handwritten digits, of growing size, and cross-validates the model
on each: the lines are the mean training and validation accuracy over 5
folds, the bands one standard deviation (the x axis is logarithmic). The
validation accuracy climbs steadily up to about 20 pixels, then flattens:
a random third of the pixels already recognises most digits, so the pixels
carry largely redundant information. The small gap between the curves says
the model hardly overfits. The subsets are nested (each size adds pixels to
the smaller one) and drawn from ``random_state``, so the picture is
reproducible.
"""

import numpy as np
from sklearn.datasets import load_digits
from sklearn.naive_bayes import GaussianNB

from vizkit.model_selection import DroppingCurve

X, y = load_digits(return_X_y=True)

viz = DroppingCurve(
    GaussianNB(var_smoothing=0.05),
    feature_sizes=np.unique(np.geomspace(2, 64, 10).astype(int)),
    logx=True,
    random_state=0,
)
viz.fit(X, y)
viz.show()
