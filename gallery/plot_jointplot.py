"""Joint plots of the diabetes data: a feature against the target, and two features

``JointPlot`` draws one variable against another with a histogram of each on
the margins and their correlation in the legend. The first figure plots body
mass index against disease progression: the cloud rises to the right (Pearson
0.59), and both margins are skewed towards low values. The second plots two
blood serum measurements, s1 and s2, against each other, coloured by the
target: they are strongly correlated (Spearman 0.88), so a model gains little
from having both.
"""

from sklearn.datasets import load_diabetes

from vizkit.features import JointPlot

data = load_diabetes(as_frame=True)
X, y = data.data, data.target

# One feature against the target, chosen by name.
viz = JointPlot(columns="bmi")
viz.fit_transform(X, y)  # returns X unchanged
viz.show()

# Two features against each other, coloured by the (continuous) target.
pair = JointPlot(columns=["s1", "s2"], correlation="spearman", alpha=0.5)
pair.fit_transform(X, y)
pair.show()
