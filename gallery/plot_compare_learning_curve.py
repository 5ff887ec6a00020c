"""Learning curves of three classifiers on the digits

Each model is fitted on growing shares of each of three cross-validation
folds of 1,347 training digits (the same shuffled splits for every model):
the solid line is the mean accuracy on the held-out fold with a band of one
standard deviation, the dashed line the accuracy on the rows it was trained
on, and the star the accuracy on 450 test digits after fitting on all of the
training data. The RBF SVM is best everywhere (0.884 with 89 rows, 0.986
with 898, 0.991 on the test digits) and its two lines have met. Naive Bayes
stops improving after about 500 rows (0.84 then 0.815): more data will not
help it. The depth-8 tree still gains with every size (0.599 to 0.817) while
its training accuracy stays near 0.94 to 0.99: it overfits, and more rows
are what it needs.
"""

from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

from vizkit.compare import LearningCurveComparison

X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=0
)

viz = LearningCurveComparison(
    {
        "naive Bayes": GaussianNB(),
        "tree, depth 8": DecisionTreeClassifier(max_depth=8, random_state=0),
        "RBF SVM": SVC(gamma=0.001),
    },
    cv=3,
    shuffle=True,
    random_state=0,
)
viz.fit(X_train, y_train)
viz.score(X_test, y_test)
viz.show()
