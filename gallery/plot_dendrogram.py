"""Dendrogram of the irises: Ward clustering, and a scipy linkage with named leaves

``Dendrogram`` draws the merge tree of a hierarchical clustering: each
U-shaped link joins two clusters at the height of their merge distance. The
model's clusters are coloured, and the dashed line marks where the tree is
cut into them. A cut is convincing when the links just above it are much
taller than those below it. In the first figure (Ward clustering of the
standardised irises) the blue cluster, 49 of the 50 setosa, joins the others
only at the top, while the orange and green clusters, which split the
versicolor and virginica between them, merge soon above the cut. With 150
irises the tree is drawn down to its last 30 merges: "(k)" under a leaf
stands for a branch of k irises, a number for a single iris. The second
figure draws a scipy linkage matrix of 30 irises (average linkage of the
measurements in cm), each leaf named by its species: setosa, virginica and
versicolor each get a colour, two virginica sitting with the versicolor.
"""

import numpy as np
from scipy.cluster.hierarchy import linkage
from sklearn.cluster import AgglomerativeClustering
from sklearn.preprocessing import StandardScaler

from vizkit.cluster import Dendrogram
from vizkit.datasets import load_iris

data = load_iris()
X = StandardScaler().fit_transform(data.X)

# The tree of a scikit-learn model, coloured by its three clusters.
viz = Dendrogram(AgglomerativeClustering(n_clusters=3, linkage="ward"))
viz.fit(X)
viz.show()

# A scipy linkage matrix, leaves named after the species, drawn sideways.
rows = np.random.RandomState(2).choice(len(X), size=30, replace=False)
Z = linkage(data.X[rows], method="average")  # the measurements, in cm
names = [f"{data.target_names[data.y[i]]} {i}" for i in rows]
tree = Dendrogram.from_linkage(
    Z, labels=names, n_clusters=3, orientation="right", size=(700, 600),
    title="Average-linkage dendrogram of 30 irises",
)  # fmt: skip
tree.show()
