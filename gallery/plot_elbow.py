"""Elbow method: choosing the number of clusters of k-means

``KElbowVisualizer`` fits k-means once for each number of clusters k from 2
to 15 and draws the distortion of each fit (the sum of squared distances
from every sample to its cluster's center, k-means' inertia). The
distortion always falls as k grows, steeply while clusters that belong
apart are still merged, then slowly once each real cluster has its own
center: the dashed line marks that bend, the elbow, found on the curve
itself (Kneedle's method), here at the 6 blobs the data were drawn from.
The knee is read from the shape of the whole curve, so the range of k
reaches well past it. The orange line on the right axis is the time each
fit took. The data are 1,000 seeded samples of 8 features in 6 Gaussian
blobs.
"""

from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

from vizkit.cluster import KElbowVisualizer

X, _ = make_blobs(n_samples=1_000, n_features=8, centers=6, random_state=0)

viz = KElbowVisualizer(KMeans(n_init=3, random_state=0), k=(2, 16))
viz.fit(X)
viz.show()
