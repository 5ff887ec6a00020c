"""Rank1D: how normal is each wine measurement (Shapiro-Wilk), and how skewed

``Rank1D`` scores every feature on its own and draws one bar per feature. The
default score is Shapiro-Wilk's W: close to 1 for a feature that looks
normally distributed, lower the further it departs from normal. Among the 13
chemical measurements of the wine data, malic acid (0.89), proline,
magnesium and colour intensity (about 0.93-0.94) have the lowest W: the
first candidates for a log or power transform before a model that assumes
normal features. The second figure ranks the same features by their
skewness: those four have the longest right tails (skewness 0.8-1.1), which
is why they score low on W.
"""

from vizkit.datasets import load_wine
from vizkit.features import Rank1D

data = load_wine()

# Shapiro-Wilk's W of each feature, features top to bottom.
viz = Rank1D(algorithm="shapiro", features=data.feature_names)
viz.fit_transform(data.X, data.y)
viz.show()

# The skewness of the same features, as vertical bars.
skew = Rank1D(algorithm="skew", orient="v", features=data.feature_names)
skew.fit_transform(data.X, data.y)
skew.show()
