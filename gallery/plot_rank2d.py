"""Rank2D: correlations between every pair of features

``Rank2D`` scores every pair of features and draws the lower triangle of the
score matrix: red cells are positively correlated pairs, blue ones negatively
correlated. In the diabetes data the blood serum measurements s1 and s2 are
almost collinear (0.90), and s3 moves against s4; each cell shows its value
because there are few features. The second figure ranks the 30 features of
the breast cancer data with Spearman's rank correlation: the blocks of dark
red cells are the radius, perimeter and area of the same cells, measured
three ways (mean, error, worst), so one of each group carries the others'
information.
"""

from vizkit.datasets import load_breast_cancer, load_diabetes
from vizkit.features import Rank2D

diabetes = load_diabetes()
viz = Rank2D(algorithm="pearson", features=diabetes.feature_names)
viz.fit_transform(diabetes.X, diabetes.y)
viz.show()

cancer = load_breast_cancer()
wide = Rank2D(algorithm="spearman", features=cancer.feature_names, size=(800, 700))
wide.fit_transform(cancer.X, cancer.y)
wide.show()
