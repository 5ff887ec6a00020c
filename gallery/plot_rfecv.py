"""How many features a model needs: recursive feature elimination, cross-validated

``RFECV`` fits a model, drops its weakest feature (the smallest squared
coefficient), refits, and repeats down to one feature, once on the training
rows of each of 5 folds, scoring the fold's held-out rows at every step. On
scikit-learn's bundled breast cancer data (30 measurements of cell nuclei) a
scaled logistic regression is scored by accuracy: the curve is the mean over
the folds, the band one standard deviation across them. Two features already
reach about 96% accuracy; the curve creeps up to about 98% by a dozen, then
stays on a plateau whose bands overlap: more measurements add little. The
dashed line marks the number with the best mean score (the fewest on ties);
read it with the band, as a much smaller set on the plateau scores about as
well.
"""

from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from vizkit.model_selection import RFECV

X, y = load_breast_cancer(return_X_y=True, as_frame=True)
model = make_pipeline(StandardScaler(), LogisticRegression(solver="liblinear"))

viz = RFECV(
    model,
    cv=StratifiedKFold(5, shuffle=True, random_state=0),
    # A pipeline has no coef_ of its own: read its last step's.
    importance_getter="named_steps.logisticregression.coef_",
)
viz.fit(X, y)
print("selected:", list(X.columns[viz.support_]))
viz.show()
