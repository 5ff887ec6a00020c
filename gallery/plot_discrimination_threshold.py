"""Discrimination threshold of a breast cancer classifier

A binary classifier calls a sample positive when its score is at or above a
threshold. ``DiscriminationThreshold`` refits the model on 50 stratified
shuffle splits of the data and, on each held-out part, reads precision,
recall, F1 and the queue rate (the share of samples flagged for review) at
every threshold. The lines are the medians over the 50 trials, the bands run
from the 10th to the 90th percentile, and the dashed line marks the
threshold with the highest median F1. Here the positive class is
"malignant": lowering the threshold flags more tumours (recall rises, the
queue grows) at the cost of more false alarms (precision falls). The data
are scikit-learn's bundled breast cancer set.
"""

from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from vizkit.classifier import DiscriminationThreshold

X, y = load_breast_cancer(return_X_y=True)  # 0 is malignant, 1 benign

viz = DiscriminationThreshold(
    make_pipeline(StandardScaler(), LogisticRegression(C=0.1)),
    n_trials=50,
    cv=0.2,
    pos_label=0,
    classes=["malignant", "benign"],
    random_state=0,
)
viz.fit(X, y)
viz.show()
