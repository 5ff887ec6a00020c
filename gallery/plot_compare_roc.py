"""ROC curves of four classifiers on one plot, built in a for loop

Each model gets one ROC curve and one legend entry with its AUC; the higher
and further left a curve runs, the better the model ranks the positive class
(malignant tumours of scikit-learn's bundled breast cancer data) above the
other. The models are trained in a plain ``for`` loop and added one at a
time with ``add``: each is asked for its probabilities (or decision
function, for the linear SVM) once. Curves that cross mean the better model
depends on the false positive rate you can accept.
"""

from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC
from sklearn.tree import DecisionTreeClassifier

from vizkit.compare import ROCComparison

X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.4, stratify=y, random_state=0
)

candidates = {
    "linear SVM": make_pipeline(StandardScaler(), LinearSVC()),
    "naive Bayes": GaussianNB(),
    "tree, depth 2": DecisionTreeClassifier(max_depth=2, random_state=0),
    "tree, depth 6": DecisionTreeClassifier(max_depth=6, random_state=0),
}
viz = ROCComparison(pos_label=0)  # class 0 is "malignant"
for name, model in candidates.items():
    model.fit(X_train, y_train)
    viz.add(model, X_test, y_test, name=name)
viz.show()
