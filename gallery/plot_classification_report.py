"""Classification report of a digit classifier

A Gaussian naive Bayes model is trained on the 8x8 handwritten digits bundled
with scikit-learn and scored on a held-out quarter of them. Each row is a
digit: its precision (of the images called that digit, the share that are
it), recall (of the images of that digit, the share found) and F1 (their
harmonic mean), darker for higher scores and green for a perfect one. The
support column gives each digit's share of the test images, so a poor score
on a rare class is told apart from one on a common class. A row with high
recall but low precision (the 8s here) is a digit the model names too often;
the reverse is a digit it misses. The line below the table gives the
accuracy and the macro and support-weighted F1 averages.
"""

from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB

from vizkit.classifier import ClassificationReport
from vizkit.datasets import load_digits

X, y = load_digits()
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=0
)

viz = ClassificationReport(GaussianNB(), support=True, size=(720, 560))
viz.fit(X_train, y_train)  # fits the model: nothing is drawn yet
viz.score(X_test, y_test)  # computes scores_ and score_ (accuracy)
viz.show()
