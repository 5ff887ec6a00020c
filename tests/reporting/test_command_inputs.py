"""The report command's inputs: CSV reading, target split, parameters, models."""

import joblib
import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal, assert_series_equal
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression

from vizkit.exceptions import ModelError, VizkitValueError
from vizkit.reporting._command_inputs import (
    OPTIONS,
    check_target_values,
    close_matches,
    load_model,
    parse_params,
    read_table,
    split_target,
)

# -- read_table ---------------------------------------------------------------------


def test_read_table_reads_numbers_and_text(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b,label\n1,x,yes\n2.5,y,no\n", encoding="utf-8")
    frame = read_table(path)
    assert list(frame.columns) == ["a", "b", "label"]
    np.testing.assert_allclose(frame["a"], [1.0, 2.5])
    assert frame["b"].tolist() == ["x", "y"]


def test_cells_that_look_like_code_stay_strings(tmp_path):
    marker = tmp_path / "executed"
    code = f"__import__('os').system('touch {marker}')"
    path = tmp_path / "t.csv"
    path.write_text(
        f"a,formula,label\n1,\"{code}\",0\n2,=cmd|' /C calc'!A0,1\n3,@SUM(1+1),0\n",
        encoding="utf-8",
    )
    frame = read_table(path)
    assert frame["formula"].tolist() == [code, "=cmd|' /C calc'!A0", "@SUM(1+1)"]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no file at"),
        ("", "is empty"),
        ("a,b,c\n", "no data rows"),
        (b"a,b\n\xff\xfe,1\n", "cannot read"),
    ],
)
def test_read_table_errors_name_the_argument(tmp_path, content, expected):
    path = tmp_path / "t.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(VizkitValueError, match=expected) as error:
        read_table(path, arg="--data")
    assert str(error.value).startswith("--data: ")


def test_read_table_refuses_a_folder(tmp_path):
    with pytest.raises(VizkitValueError, match="is a folder; give a CSV file"):
        read_table(tmp_path)


# -- split_target ---------------------------------------------------------------------


def test_split_target_returns_features_and_target_without_mutating():
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0], "label": ["x", None, "y"]})
    before = frame.copy()
    X, y, note = split_target(frame, "label")
    assert_frame_equal(frame, before)
    assert_frame_equal(X, frame.loc[[0, 2], ["a"]])
    assert_series_equal(y, frame.loc[[0, 2], "label"])
    assert (
        note == "Dropped 1 of 3 rows that have no value in the target column 'label'."
    )


def test_split_target_without_missing_rows_has_no_note():
    frame = pd.DataFrame({"a": [1, 2], "label": [0, 1]})
    X, y, note = split_target(frame, "label")
    assert note is None
    assert list(X.columns) == ["a"]
    assert y.tolist() == [0, 1]


def test_missing_target_lists_columns_and_close_matches():
    frame = pd.DataFrame({"age": [1], "Species": [0], "weight": [2]})
    with pytest.raises(VizkitValueError) as error:
        split_target(frame, "species", arg="--target")
    message = str(error.value)
    assert message.startswith("--target: no column 'species'")
    assert "Did you mean 'Species'?" in message
    assert "Its columns are: 'age', 'Species', 'weight'." in message


def test_target_without_any_value_or_without_features():
    with pytest.raises(VizkitValueError, match="has no value in any row"):
        split_target(pd.DataFrame({"a": [1, 2], "y": [None, None]}), "y")
    with pytest.raises(VizkitValueError, match="only column"):
        split_target(pd.DataFrame({"y": [1, 2]}), "y")


def test_target_with_one_value():
    with pytest.raises(VizkitValueError, match=r"one value \('a'\) in all 3 rows"):
        check_target_values(pd.Series(["a", "a", "a"]), arg="--target")
    check_target_values(pd.Series([0, 1, 0]))  # two values: fine


def test_close_matches_ignore_case():
    assert close_matches("PETAL", ["petal", "sepal", "x"]) == ["petal", "sepal"]
    assert close_matches("zzz", ["petal"]) == []


# -- parse_params ---------------------------------------------------------------------


def test_parse_params_reads_literals_and_bare_strings():
    params = parse_params(
        ["n_estimators=200", "max_depth=None", "criterion=entropy", "C=1e-3",
         "hidden=(10, 5)", "name='quoted'", "fit_intercept=False"]
    )  # fmt: skip
    assert params == {
        "n_estimators": 200, "max_depth": None, "criterion": "entropy", "C": 1e-3,
        "hidden": (10, 5), "name": "quoted", "fit_intercept": False,
    }  # fmt: skip


def test_parse_params_never_evaluates_code(tmp_path):
    marker = tmp_path / "executed"
    value = f"__import__('os').system('touch {marker}')"
    assert parse_params([f"x={value}"]) == {"x": value}
    assert not marker.exists()


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["n_estimators"], "'n_estimators' is not NAME=VALUE"),
        (["=3"], "'=3' is not NAME=VALUE"),
        (["a b=3"], "is not NAME=VALUE"),
        (["a=1", "a=2"], "'a' is given twice"),
    ],
)
def test_parse_params_errors(items, expected):
    with pytest.raises(VizkitValueError, match=expected):
        parse_params(items, arg="--param")


# -- load_model -----------------------------------------------------------------------


def test_load_model_from_a_dotted_path_with_params():
    model = load_model(
        "sklearn.ensemble.RandomForestClassifier",
        params={"n_estimators": 7, "max_depth": None},
    )
    assert type(model) is RandomForestClassifier
    assert model.get_params()["n_estimators"] == 7
    assert not hasattr(model, "estimators_")  # a new, unfitted instance


@pytest.mark.parametrize(
    ("spec", "error", "expected"),
    [
        ("sklearn.ensembel.RandomForestClassifier", VizkitValueError,
         "there is no module 'sklearn.ensembel'. Did you mean 'ensemble'?"),
        ("sklearnx.svm.SVC", VizkitValueError, "there is no module 'sklearnx'"),
        ("sklearn.ensemble.RandomForestClasifier", VizkitValueError,
         "module 'sklearn.ensemble' has no 'RandomForestClasifier'. Did you mean "
         "'RandomForestClassifier'"),
        ("RandomForestClassifier", VizkitValueError, "not a dotted path"),
        ("sklearn.metrics.accuracy_score", ModelError, "is a function, not a"),
        ("sklearn.ensemble", ModelError, "is a module, not a scikit-learn"),
        ("numpy.ndarray", ModelError, "is the class ndarray, not a scikit-learn"),
    ],
)  # fmt: skip
def test_load_model_path_errors(spec, error, expected):
    with pytest.raises(error, match=expected.replace("(", r"\(")) as raised:
        load_model(spec, names=OPTIONS)
    assert str(raised.value).startswith("--model: ")


def test_unknown_parameter_suggests_the_right_one():
    with pytest.raises(VizkitValueError) as error:
        load_model(
            "sklearn.ensemble.RandomForestClassifier",
            params={"n_estimator": 5},
            names=OPTIONS,
        )
    message = str(error.value)
    assert message.startswith("--param: RandomForestClassifier has no parameter")
    assert "Did you mean 'n_estimators'?" in message


def test_pickle_is_refused_without_trust_and_loaded_with_it(tmp_path):
    X = np.random.RandomState(0).normal(size=(20, 3))
    y = (X[:, 0] > 0).astype(int)
    fitted = LogisticRegression().fit(X, y)
    path = tmp_path / "model.joblib"
    joblib.dump(fitted, path)
    with pytest.raises(VizkitValueError, match="unpickling a file runs code") as error:
        load_model(path, names=OPTIONS)
    assert "pass --trust-pickle" in str(error.value)
    loaded = load_model(path, trust_pickle=True, params={"C": 0.5})
    assert type(loaded) is LogisticRegression
    assert loaded.C == 0.5
    np.testing.assert_allclose(loaded.coef_, fitted.coef_)


def test_trusted_pickle_must_hold_an_estimator(tmp_path):
    path = tmp_path / "data.pkl"
    joblib.dump({"not": "a model"}, path)
    with pytest.raises(ModelError, match="holds a dict value, not a scikit-learn"):
        load_model(path, trust_pickle=True)
    with pytest.raises(VizkitValueError, match="no file at"):
        load_model(tmp_path / "missing.pkl", trust_pickle=True)
