"""Choosing the regularization strength alpha of a lasso and a ridge regression

``AlphaSelection`` draws the error a LassoCV measured while choosing its own
alpha: for each of its 100 alphas (log scale), the mean squared error over
its 10 folds, shaded one standard error either side, with the chosen alpha
dashed. On scikit-learn's bundled diabetes data the error falls as alpha
shrinks from 2 (every coefficient forced to zero), then flattens: below
about 0.05 the lasso no longer improves, and the band shows how little the
remaining differences mean. The second figure does the same by hand with
``ManualAlphaSelection``: a plain Ridge is cross-validated over 40 alphas on
the same 10 folds (negated mean squared error, greater is better), and the
flat top tells that any alpha below about 0.1 serves equally well.
"""

import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LassoCV, Ridge
from sklearn.model_selection import KFold

from vizkit.regressor import AlphaSelection, ManualAlphaSelection

X, y = load_diabetes(return_X_y=True)
folds = KFold(10, shuffle=True, random_state=0)

# The lasso chooses its own alpha; the visualizer reads its errors.
viz = AlphaSelection(LassoCV(cv=folds))
viz.fit(X, y)
viz.show()

# A ridge has no built-in cross-validation: ManualAlphaSelection runs it.
manual = ManualAlphaSelection(
    Ridge(), alphas=np.logspace(-4, 2, 40), cv=folds, scoring="neg_mean_squared_error"
)
manual.fit(X, y)
manual.show()
