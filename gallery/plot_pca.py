"""PCA projection of the wine data: classes with a biplot, and the component heatmap

``PCA`` standardises the 13 chemical measurements, projects the wines on the
first two principal components and colours them by cultivar. With
``proj_features=True`` each original feature is drawn as an arrow (a biplot):
its direction and length show how it loads on the two components. The second
figure sets ``heatmap=True`` to add a heatmap of those loadings, one row per
component and one column per feature.
"""

from vizkit.datasets import load_wine
from vizkit.features import PCA

data = load_wine()

# Two components, coloured by class, with the feature projections.
viz = PCA(
    scale=True,
    proj_features=True,
    features=data.feature_names,
    classes=data.target_names,
)
viz.fit_transform(data.X, data.y)  # returns the projection, draws nothing
viz.show()

# The same projection with the heatmap of component loadings.
heat = PCA(
    scale=True, heatmap=True, features=data.feature_names, classes=data.target_names
)
heat.fit_transform(data.X, data.y)
heat.show()
