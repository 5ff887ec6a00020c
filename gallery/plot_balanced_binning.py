"""Balanced binning reference: where to cut a continuous target into classes

``BalancedBinningReference`` draws the histogram of a continuous target
(here the disease progression of the diabetes data) with a red line at each
bin edge. The first figure uses numpy's four equal-width bins, as Yellowbrick
did: the bars show how unevenly the patients fall into them, the highest
bin holding few. The second passes the quartiles as explicit edges: every
bin now holds a quarter of the patients (the bars are equally high), which
is the binning to choose for balanced classes.
"""

import numpy as np

from vizkit.datasets import load_diabetes
from vizkit.target import BalancedBinningReference

data = load_diabetes()

# Four equal-width bins (numpy's and Yellowbrick's default).
viz = BalancedBinningReference(target="disease progression", bins=4)
viz.fit(data.y)
viz.show()

# Quartiles as bin edges: four bins of equal counts.
quartiles = np.quantile(data.y, [0, 0.25, 0.5, 0.75, 1])
balanced = BalancedBinningReference(target="disease progression", bins=quartiles)
balanced.fit(data.y)
balanced.show()
