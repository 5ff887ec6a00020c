"""Missing values of the wine data: how many per feature, by class, and where

The wine measurements are complete, so a seeded generator removes some: a
few percent of every feature at random, many more of "proline" among the
wines of cultivar 2, and a run of rows 100-129 of "magnesium" (as if an
instrument broke down). ``MissingValuesBar`` counts the missing values of
each feature, the bars stacked by class: "proline" stands out, and its stack
shows the class that loses it. ``MissingValuesDispersion`` marks each
missing value at its row: scattered marks are missing at random, the solid
run on "magnesium" is the breakdown, and the colours (the wines are sorted
by class) show which cultivar it hit.
"""

import numpy as np
import pandas as pd

from vizkit.contrib.missing import MissingValuesBar, MissingValuesDispersion
from vizkit.datasets import load_wine

data = load_wine()
X = pd.DataFrame(data.X, columns=data.feature_names)
classes = [f"cultivar {name[-1]}" for name in data.target_names]

rng = np.random.default_rng(42)
X = X.mask(rng.random(X.shape) < 0.04)  # 4% of every feature at random
cultivar_2 = data.y == 2
X.loc[cultivar_2 & (rng.random(len(X)) < 0.6), "proline"] = np.nan
X.loc[100:129, "magnesium"] = np.nan

bar = MissingValuesBar(classes=classes)
bar.fit_transform(X, data.y)  # X passes through unchanged, NaN included
bar.show()

dispersion = MissingValuesDispersion(classes=classes)
dispersion.fit_transform(X, data.y)
dispersion.show()
