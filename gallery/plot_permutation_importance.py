"""Permutation importance of a random forest, on training and test data

``PermutationImportance`` shuffles one feature at a time and measures how much
the model's score drops: the boxes spread over the ``n_repeats`` shuffles,
training data above (from ``fit``) and test data below (from ``score``), the
most important features at the top. The forest fits scikit-learn's bundled
diabetes data, plus a column of pure noise ("random"). On the training data
every feature, the noise included, seems to matter, because the deep trees
have memorised it; on the test data the noise falls to almost nothing and
several real features to zero or below. A wide gap between a feature's two
boxes is the mark of overfitting; only the test boxes say what the model has
learned that generalises. On the right, the same importances of the five most important
features as bars of the mean drop, with the standard deviation of the repeats
as error bars (redrawn from the stored results, not recomputed).
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import train_test_split

from vizkit.model_selection import PermutationImportance

X, y = load_diabetes(return_X_y=True, as_frame=True)
X["random"] = np.random.default_rng(0).normal(size=len(X))
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)

fig, (left, right) = plt.subplots(1, 2, figsize=(14, 6))
forest = RandomForestRegressor(n_estimators=100, random_state=0)
viz = PermutationImportance(forest, n_repeats=10, random_state=0, ax=left)
viz.fit(X_train, y_train)  # fits the forest, then shuffles the training data
viz.score(X_test, y_test)
viz.plot()

# The five most important features as bars, from the same results.
viz.set_params(kind="bar", topn=5, title="Top 5, mean and standard deviation")
viz.plot(ax=right)
fig.tight_layout()
viz.show()
