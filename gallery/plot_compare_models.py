"""Three classifiers, three pictures, one prediction each

``ModelComparison`` draws the ROC, precision-recall and calibration curves
of several models side by side from one ``predict_proba`` call per model.
Here the candidates are the three best settings of a grid search over a
random forest's tree depth and leaf size (``from_search``: each candidate is
refitted on the training data and named by its parameters), on a seeded
three-class problem; each curve pools every one-vs-rest decision of a model
(micro-average, as the legend titles say). Read the ROC and precision-recall
panels for ranking quality and the calibration panel for whether the
predicted probabilities can be trusted as probabilities: points below the
diagonal are overconfident.
"""

from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import GridSearchCV, train_test_split

from vizkit.compare import ModelComparison
from vizkit.datasets import make_classification_data

data = make_classification_data(n_samples=1_500, n_classes=3, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(
    data.X, data.y, test_size=0.3, stratify=data.y, random_state=0
)

search = GridSearchCV(
    RandomForestClassifier(n_estimators=50, random_state=0),
    {"max_depth": [2, 4, 8], "min_samples_leaf": [1, 20]},
    cv=3,
).fit(X_train, y_train)

viz = ModelComparison.from_search(search, X_train, y_train, X_test, y_test, top=3)
viz.show()
