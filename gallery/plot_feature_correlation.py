"""Feature correlation with the target: Pearson's r and mutual information

``FeatureCorrelation`` draws one bar per feature for its relation to the
target. The first figure gives Pearson's r of the ten diabetes features with
disease progression, sorted: body mass index (bmi) and the s5 serum
measurement rise with progression, s3 falls with it (a negative bar). The
second scores the wine measurements by their mutual information with the
cultivar (three classes), which also catches relations that are not linear:
proline, flavanoids and colour intensity tell the cultivars apart best, ash
hardly at all. Mutual information is estimated with a little random noise,
so it is seeded with ``random_state``.
"""

from vizkit.datasets import load_diabetes, load_wine
from vizkit.target import FeatureCorrelation

diabetes = load_diabetes()
viz = FeatureCorrelation(labels=diabetes.feature_names, sort=True)
viz.fit(diabetes.X, diabetes.y)
viz.show()

wine = load_wine()
mi = FeatureCorrelation(
    method="mutual_info-classification",
    labels=wine.feature_names,
    sort=True,
    random_state=0,
)
mi.fit(wine.X, wine.y)
mi.show()
