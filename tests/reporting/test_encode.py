"""The ColumnTransformer the report puts before the model for text columns."""

import numpy as np
import pandas as pd
from numpy.testing import assert_array_equal
from sklearn.compose import ColumnTransformer

from vizkit.reporting import encode_features
from vizkit.reporting._encode import MAX_CATEGORIES


def mixed_frame(n=40, seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "size": rng.normal(size=n),
            "color": rng.choice(["red", "green", "blue"], size=n),
            "grade": pd.Categorical(rng.choice(["a", "b"], size=n)),
            "flag": rng.random(n) > 0.5,
            "count": rng.integers(0, 9, size=n),
        }
    )


def test_numeric_input_needs_no_encoder():
    X = np.arange(12.0).reshape(6, 2)
    assert encode_features(X) == (None, None)
    assert encode_features(pd.DataFrame(X, columns=["a", "b"])) == (None, None)


def test_text_category_and_bool_columns_are_one_hot_encoded():
    X = mixed_frame()
    before = X.copy()
    preprocessor, note = encode_features(X)
    assert isinstance(preprocessor, ColumnTransformer)
    (name, encoder, columns), *_ = preprocessor.transformers
    assert columns == ["color", "grade", "flag"]
    assert encoder.handle_unknown == "infrequent_if_exist"
    assert encoder.max_categories == MAX_CATEGORIES
    assert preprocessor.remainder == "passthrough"
    for column in ("color", "grade", "flag", "ColumnTransformer"):
        assert column in note

    encoded = preprocessor.fit_transform(X)
    # 3 colours + 2 grades + 2 flags, then the numeric columns unchanged.
    assert encoded.shape == (len(X), 3 + 2 + 2 + 2)
    assert_array_equal(encoded[:, -2], X["size"])
    assert_array_equal(encoded[:, -1], X["count"])
    blue = list(preprocessor.get_feature_names_out()).index("onehot__color_blue")
    assert_array_equal(encoded[:, blue], (X["color"] == "blue").astype(float))
    pd.testing.assert_frame_equal(X, before)  # the user's frame is untouched


def test_unknown_values_at_test_time_do_not_fail():
    X = mixed_frame()
    preprocessor, _ = encode_features(X)
    preprocessor.fit(X)
    new = mixed_frame(n=3, seed=1).assign(color=["purple", "red", "purple"])
    encoded = preprocessor.transform(new)
    names = list(preprocessor.get_feature_names_out())
    colors = [i for i, name in enumerate(names) if name.startswith("onehot__color")]
    assert_array_equal(encoded[:, colors].sum(axis=1), [0, 1, 0])


def test_many_distinct_values_are_capped():
    X = pd.DataFrame({"id": [f"user{i}" for i in range(60)], "x": np.arange(60.0)})
    preprocessor, _ = encode_features(X)
    encoded = preprocessor.fit_transform(X)
    assert encoded.shape[1] <= MAX_CATEGORIES + 1
