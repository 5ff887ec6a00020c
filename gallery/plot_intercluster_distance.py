"""Intercluster distance map of seven k-means clusters in twelve dimensions

Each circle is one cluster center of a k-means model fitted on seeded
12-dimensional data, placed by multidimensional scaling so that centers close
on the map are close in feature space; its area grows with the number of rows
in the cluster, read from the size legend in the corner. The data were drawn
around three groups of centers, and the map shows the three groups: clusters
within a group are neighbours, the groups lie far apart. The largest cluster
holds several times the rows of the smallest. Circles that overlap on the map
may still be well apart in the full space: check with a silhouette plot.
"""

import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

from vizkit.cluster import InterclusterDistance

rng = np.random.RandomState(7)
groups = rng.normal(scale=12, size=(3, 12))  # three far-apart groups ...
centers = groups[[0, 0, 0, 1, 1, 2, 2]] + rng.normal(scale=3, size=(7, 12))
X, _ = make_blobs(
    n_samples=[800, 500, 300, 600, 250, 400, 150],
    centers=centers,
    cluster_std=1.0,
    random_state=7,
)

model = KMeans(n_clusters=7, n_init=10, random_state=0)
# Smaller circles than the default (max_size=25000) keep the groups apart.
viz = InterclusterDistance(
    model, max_size=10_000, legend_loc="upper right", random_state=0, size=(800, 600)
)
viz.fit(X)
viz.show()
