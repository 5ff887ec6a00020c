"""Cook's distance of the diabetes data, before and after three entry errors

``CooksDistance`` fits ordinary least squares (with an intercept) to the
data and draws, for each row, how far the fitted values would move if that
row were left out. The dashed line is the rule of thumb 4/n; the legend
gives the share of rows above it. On the left, the diabetes data as bundled
with scikit-learn: about 5% of rows pass the line, but none stands out, so
no single patient drives the fit. On the right, the same data with three
targets mistyped (ten times their value): those three rows tower over the
others and the least squares fit bends towards them. Check such rows before
trusting the model; the rule of thumb alone flags many harmless ones.
"""

import matplotlib.pyplot as plt

from vizkit.datasets import load_diabetes
from vizkit.regressor import CooksDistance

X, y = load_diabetes()
mistyped = y.copy()
mistyped[[40, 200, 350]] *= 10  # three data-entry errors

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5), sharex=True)

clean = CooksDistance(ax=left, title="Diabetes data")
clean.fit(X, y)
clean.plot()

errors = CooksDistance(ax=right, title="Three targets mistyped (x10)")
errors.fit(X, mistyped)
errors.plot()
fig.tight_layout()  # once both are drawn, so their labels get room
errors.show()
