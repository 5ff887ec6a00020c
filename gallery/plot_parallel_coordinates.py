"""Parallel coordinates of the wine data, and a density image of 200,000 rows

Each of the 13 chemical measurements of the wines is a vertical axis, and each
wine a line joining its values, coloured by cultivar. With
``normalize="standard"`` every feature is standardised first, so all axes
share one scale. Read the picture for braids: features where the lines of one
colour bunch together apart from the others (flavanoids, hue, proline)
separate the cultivars; features where the colours mix do not help.

Above 10,000 drawn rows (``vizkit.features.pcoords.DENSITY_THRESHOLD``) the
lines are binned into an image: each pixel takes the colours of the classes
whose lines cross it, mixed by their counts, and grows more opaque with the
number of lines. The second figure draws 200,000 seeded rows that way in about
a second, with the same axes, colours and legend.
"""

from vizkit.datasets import load_wine, make_classification_data
from vizkit.features import ParallelCoordinates

data = load_wine()
viz = ParallelCoordinates(
    normalize="standard",
    features=data.feature_names,
    classes=data.target_names,
    size=(900, 600),  # pixels: room for the long feature names
)
viz.fit_transform(data.X, data.y)  # returns X unchanged, draws nothing yet
viz.show()

# 200,000 rows of 12 features: a density image instead of 200,000 lines.
large = make_classification_data(n_samples=200_000, n_features=12, n_classes=3)
dense = ParallelCoordinates(normalize="minmax", classes=large.target_names)
dense.fit_transform(large.X, large.y)
dense.show()
