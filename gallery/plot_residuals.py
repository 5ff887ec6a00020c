"""Residuals of a linear regression, train and test, with a histogram and a Q-Q plot

``ResidualsPlot`` scatters each residual (observed minus predicted target)
against the prediction, training points and test points in two colours, with
the R-squared of each in the legend. These seeded data hold an interaction
between two features and noise that grows with the first one, neither of
which a linear model captures: the residuals do not form an even band around
zero. The histogram on the right shows their distribution; the second figure
replaces it with a Q-Q plot against the normal distribution, where the heavy
tails bend away from the diagonal.
"""

from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split

from vizkit.datasets import load_california_like
from vizkit.regressor import ResidualsPlot

X, y = load_california_like(n_samples=2_000)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, random_state=0
)

# Train and test residuals, with their histogram.
viz = ResidualsPlot(LinearRegression(), hist=True)
viz.fit(X_train, y_train)
viz.score(X_test, y_test)
viz.show()

# The same residuals against normal quantiles (qqplot and hist exclude each other).
qq = ResidualsPlot(LinearRegression(), hist=False, qqplot=True)
qq.fit(X_train, y_train)
qq.score(X_test, y_test)
qq.show()
