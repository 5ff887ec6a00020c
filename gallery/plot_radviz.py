"""RadViz of the wine data: cultivars pulled towards their chemical signatures

``RadViz`` places the 13 chemical measurements as anchors around a circle and
draws each wine at the average of the anchors weighted by its min-max scaled
measurements, so a wine lies towards the measurements on which it is high.
Cultivars that separate here differ in which measurements dominate them: look
for each colour's cloud leaning towards its own anchors, and for overlapping
clouds, which the measurements alone do not tell apart. Points near the
centre are balanced across all measurements. The second figure colours the
diabetes patients by disease progression, a continuous target, with a
colormap and a colorbar.
"""

from vizkit.datasets import load_diabetes, load_wine
from vizkit.features import RadViz

wine = load_wine()
viz = RadViz(
    features=wine.feature_names, classes=wine.target_names, alpha=0.7, size=(800, 650)
)
viz.fit(wine.X, wine.y)  # computes the positions; transform returns X unchanged
viz.show()

# A continuous target is drawn through a colormap.
diabetes = load_diabetes()
progression = RadViz(features=diabetes.feature_names, colormap="viridis")
progression.fit(diabetes.X, diabetes.y)
progression.show()
