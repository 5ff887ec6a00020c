"""One-hot encoding of a DataFrame's text and categorical columns for the report.

Most scikit-learn models take numbers only. When the report is given a
DataFrame with text, categorical or boolean columns it puts a
``ColumnTransformer`` before the model (numbers pass through, the other
columns are one-hot encoded) and says so on the page.
"""

from __future__ import annotations

from typing import Any

#: Columns of these pandas dtype kinds are one-hot encoded.
ENCODED_KINDS = ("object", "string", "category", "bool")
#: At most this many indicator columns per encoded column; rarer values share
#: one "infrequent" column, so a column of IDs does not explode the width.
MAX_CATEGORIES = 20


def categorical_columns(X: Any) -> list:
    """The columns of a DataFrame ``X`` to one-hot encode; [] for other input."""
    select = getattr(X, "select_dtypes", None)
    if select is None:
        return []
    return list(select(include=list(ENCODED_KINDS)).columns)


def encode_features(X: Any) -> tuple[Any, str | None]:
    """The preprocessor the report puts before the model, and the sentence stating it.

    Parameters
    ----------
    X : array-like or DataFrame
        The features given to the report.

    Returns
    -------
    preprocessor : sklearn ColumnTransformer or None
        Unfitted: the text, categorical and boolean columns one-hot encoded
        (unknown values at test time go to the infrequent column), the other
        columns passed through. None when X has no such column.
    note : str or None
        What the preprocessor does, naming the encoded columns; None with it.
    """
    encoded = categorical_columns(X)
    if not encoded:
        return None, None
    from sklearn.compose import ColumnTransformer
    from sklearn.preprocessing import OneHotEncoder

    one_hot = OneHotEncoder(
        handle_unknown="infrequent_if_exist",
        max_categories=MAX_CATEGORIES,
        sparse_output=False,
    )
    preprocessor = ColumnTransformer(
        [("onehot", one_hot, encoded)],
        remainder="passthrough",
        # Dense output: the sections (PCA, silhouette) read the features too.
        sparse_threshold=0.0,
    )
    listed = ", ".join(str(column) for column in encoded)
    note = (
        f"{len(encoded)} text/categorical column(s) ({listed}) were one-hot "
        "encoded by a ColumnTransformer placed before the model (OneHotEncoder, "
        f"handle_unknown='infrequent_if_exist', max_categories={MAX_CATEGORIES}); "
        "the other columns pass through unchanged."
    )
    return preprocessor, note
