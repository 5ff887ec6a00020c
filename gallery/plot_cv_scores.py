"""Cross-validation scores of a wine classifier

``CVScores`` fits a copy of the model on all folds but one and scores it on
the fold left out, once per fold: each bar is one fold's weighted F1 score,
and the dashed line is their mean (what ``cross_val_score(...).mean()``
reports). Bars of uneven height mean the score depends on which rows the
model is tested on, so the mean alone would overstate how sure we are: here
most folds are perfect while a few fall a few points short. The data are
scikit-learn's bundled wine set, split into 10 shuffled stratified folds.
"""

from sklearn.datasets import load_wine
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from vizkit.model_selection import CVScores

X, y = load_wine(return_X_y=True)

viz = CVScores(
    make_pipeline(StandardScaler(), LogisticRegression(C=0.05)),
    cv=StratifiedKFold(10, shuffle=True, random_state=0),
    scoring="f1_weighted",
)
viz.fit(X, y)
viz.show()
