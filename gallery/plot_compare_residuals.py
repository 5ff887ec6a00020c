"""Residuals of three regressors on one plot

Observed minus predicted disease progression of scikit-learn's bundled
diabetes data (a held-out 30%), against the prediction, one colour per model
and each model's R² in the legend. No model is good here: linear regression
explains the most variance (R² = 0.393), the random forest less (0.309) and
the depth-3 tree the least (0.188). The tree predicts only eight values (its
leaves), so its points stand in vertical stripes; every model's residuals
spread wider, down to about -200, at higher predictions, so none of them is
reliable for the worst cases.
"""

from sklearn.datasets import load_diabetes
from sklearn.ensemble import RandomForestRegressor
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeRegressor

from vizkit.compare import ResidualsComparison

X, y = load_diabetes(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)

viz = ResidualsComparison(
    {
        "linear regression": LinearRegression(),
        "tree, depth 3": DecisionTreeRegressor(max_depth=3, random_state=0),
        "random forest": RandomForestRegressor(n_estimators=100, random_state=0),
    }
)
viz.fit(X_train, y_train)
viz.score(X_test, y_test)
viz.show()
