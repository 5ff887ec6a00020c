"""Validation curve of a support vector machine's gamma on handwritten digits

``ValidationCurve`` cross-validates an RBF support vector classifier on
scikit-learn's bundled 8x8 digits for 10 values of its kernel width
``gamma`` (log scale, ``logx=True``), 5 stratified folds each. Read it from
left to right: at small gamma both scores are low (the model underfits),
around gamma = 0.001 the cross-validation score peaks near 0.99, and beyond
it the training score stays at 1 while the cross-validation score collapses
(the model memorises the training images: it overfits). The bands are one
standard deviation across the folds.
"""

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import SVC

from vizkit.model_selection import ValidationCurve

X, y = load_digits(return_X_y=True)
folds = StratifiedKFold(5, shuffle=True, random_state=0)

viz = ValidationCurve(
    SVC(),
    param_name="gamma",
    param_range=np.logspace(-6, -1, 10),
    logx=True,
    cv=folds,
    scoring="accuracy",
    n_jobs=2,
)
viz.fit(X, y)
viz.show()
