"""Silhouette plots of k-means with 3 and 4 clusters on four blobs

Each band holds the silhouette coefficients of one cluster's samples, sorted;
the dashed red line is their mean. The seeded data hold four blobs, two of
them fairly close. With ``n_clusters=3`` (left) k-means merges that pair into
one cluster (label 2), whose band falls mostly short of the mean and dips
below zero: many of its samples sit nearly as close to another cluster as to
their own. With ``n_clusters=4`` (right) every band reaches past a higher
mean, so four clusters describe these data better.
"""

import matplotlib.pyplot as plt
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

from vizkit.cluster import SilhouetteVisualizer

X, _ = make_blobs(
    n_samples=[250, 200, 150, 150],
    centers=[[0, 0], [7, 7], [6, -2], [10, 1]],
    cluster_std=1.0,
    random_state=42,
)

fig, (left, right) = plt.subplots(1, 2, figsize=(15, 5.5), sharex=True)

three = SilhouetteVisualizer(KMeans(n_clusters=3, random_state=0), ax=left)
three.fit(X)
three.finalize()

four = SilhouetteVisualizer(KMeans(n_clusters=4, random_state=0), ax=right)
four.fit(X)
four.show()
