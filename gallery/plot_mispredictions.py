"""Mispredicted tumours of a logistic regression on the breast cancer data

A scaled logistic regression trained on 60% of the 569 tumours gets 221 of
the 228 test tumours right (97%). ``Mispredictions`` shows the other seven.
On the left, every test tumour on the first two principal components of the
model's input (the scaled features; 41% and 24% of their variance),
coloured by its diagnosis: the seven mistakes are ringed in their true
class's colour and filled with the predicted one's. Six are malignant
tumours called benign, the costly kind, and all sit at the border between
the two clouds, where the benign ones crowd. The table ranks them by the
probability the model gave its wrong answer: tumour 138 was called benign
with probability 0.89. Its columns are the three features on which the
seven stand out most from the test set: four of the six missed malignant
tumours have concave points errors of 0.005 to 0.009, below even the benign
average (0.0105; malignant 0.0153), one of the patterns that made them look
benign to the model.
"""

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from vizkit.datasets import load_breast_cancer
from vizkit.inspection import Mispredictions

data = load_breast_cancer()
X = pd.DataFrame(data.X, columns=data.feature_names)
y = pd.Series(data.target_names, name="diagnosis")[data.y].to_numpy()
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.4, stratify=y, random_state=0
)
model = make_pipeline(StandardScaler(), LogisticRegression(C=0.1))

viz = Mispredictions(model, top_n=12, max_features=3)
viz.fit(X_train, y_train)
viz.score(X_test, y_test)
viz.show()
