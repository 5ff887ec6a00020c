"""Decision boundaries of an SVM on the wine data: a slice and a projection

An RBF support vector machine, behind a ``StandardScaler``, is fitted on all
13 features of the 178 wines (it classifies every one of them correctly). A
13-feature model has no single picture, so ``DecisionBoundaries`` draws two
planes through it, each painted by the predicted cultivar, paler where the
decision function's margin is small, with black lines where the prediction
changes. On the left, flavanoids against colour intensity with the other
eleven features held at their training median: only 143 of the 178 wines
(80%) fall in the region of their own cultivar, and 21 of the 48 wines of
cultivar 2 lie in cultivar 1's orange region, because at the median of the
other features the model needs more than these two to tell them apart. On
the right, the plane of the first two principal components of the model's
input, the scaled features (36% and 19% of their variance), mapped back to
the 13 scaled features to feed the SVM: here 171 wines (96%) fall in their
own region, the three cultivars in three wedges around the centre, and the
six orange points in the blue wedge are the cultivar-1 wines the plane
places among cultivar 0.
"""

import matplotlib.pyplot as plt
import pandas as pd
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from vizkit.datasets import load_wine
from vizkit.inspection import DecisionBoundaries

data = load_wine()
X = pd.DataFrame(data.X, columns=data.feature_names)
model = make_pipeline(StandardScaler(), SVC()).fit(X, data.y)

fig, (left, right) = plt.subplots(1, 2, figsize=(13, 5.5), layout="constrained")
features = ["flavanoids", "color_intensity"]
sliced = DecisionBoundaries(model, ax=left, features=features, is_fitted=True)
sliced.fit(X, data.y)
projected = DecisionBoundaries(model, ax=right, is_fitted=True)
projected.fit(X, data.y)

sliced.finalize()  # draws the left panel
projected.show()
