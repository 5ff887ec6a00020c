"""Class balance of the wine cultivars, and of a train/test split

``ClassBalance`` takes only targets. Fitted on one target vector it draws a
bar per class ("balance" mode): the wine data have 59, 71 and 48 wines of
the three cultivars. Fitted on a training and a test target it draws the two
side by side ("compare" mode), which shows whether a split kept the
proportions: this random split without stratification did not quite.
"""

from sklearn.model_selection import train_test_split

from vizkit.datasets import load_wine
from vizkit.target import ClassBalance

data = load_wine()
y_train, y_test = train_test_split(data.y, test_size=0.3, random_state=1)

# Balance mode: the whole target.
viz = ClassBalance(labels=data.target_names)
viz.fit(data.y)
viz.show()

# Compare mode: training target beside test target.
compare = ClassBalance(labels=data.target_names)
compare.fit(y_train, y_test)
compare.show()
