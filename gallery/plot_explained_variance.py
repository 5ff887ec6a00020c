"""Explained variance of the breast cancer features: how many components to keep

``ExplainedVariance`` standardises the 30 tumour measurements and fits a PCA.
The bars are each component's share of the variance, the line their running
total. The dashed line is the chosen threshold (90% here) and the dotted one
the fewest components that pass it: seven of the thirty components keep 90%
of the information, so a model could work on a quarter of the features'
dimensions.
"""

from vizkit.datasets import load_breast_cancer
from vizkit.features import ExplainedVariance

X, y = load_breast_cancer()

viz = ExplainedVariance(scale=True, threshold=0.9)
viz.fit(X)  # computes the ratios and n_components_, draws nothing
print(f"{viz.n_components_} components explain 90% of the variance")
viz.show()
