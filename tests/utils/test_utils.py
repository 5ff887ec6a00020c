"""The shared helpers: validation messages, labels, responses, docs, palettes."""

import matplotlib as mpl
import numpy as np
import pytest
from scipy import sparse
from sklearn.datasets import make_classification
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.preprocessing import LabelEncoder
from sklearn.svm import LinearSVC

from vizkit import datasets
from vizkit.exceptions import (
    DatasetsError,
    ModelError,
    VizkitTypeError,
    VizkitValueError,
)
from vizkit.style import class_colors, color_palette, resolve_colors, theme
from vizkit.utils import (
    TargetType,
    check_consistent_length,
    check_option,
    check_target,
    check_X,
    decode_labels,
    feature_names,
    response_method,
    target_color_type,
)
from vizkit.utils.docs import param_docs
from vizkit.utils.labels import align_counts, class_names, encode_target
from vizkit.utils.target import numeric_labels
from vizkit.utils.validation import check_finite, check_no_overflow, n_samples_of


def test_check_X_names_the_first_bad_cell():
    X = np.zeros((4, 3))
    X[2, 1] = np.nan
    with pytest.raises(VizkitValueError, match=r"X contains 1 NaN.*row 2, column 1"):
        check_X(X)
    assert np.isnan(X[2, 1])  # untouched
    assert check_X(X, allow_nan=True) is not None


def test_check_X_shapes_and_types():
    with pytest.raises(VizkitValueError, match="2-D"):
        check_X(np.arange(3.0))
    with pytest.raises(VizkitValueError, match="at least 1 sample"):
        check_X(np.zeros((0, 2)))
    with pytest.raises(VizkitValueError, match="numeric"):
        check_X(np.array([["a", "b"]]), numeric=True)
    strings = check_X(np.array([["a", "b"]]))  # a Pipeline may accept strings
    assert strings.shape == (1, 2)


def test_check_target_and_lengths():
    with pytest.raises(VizkitValueError, match="y has 2 values but X has 3 rows"):
        check_target([0, 1], n_samples=3)
    np.testing.assert_array_equal(check_target(np.array([[1], [2]])), [1, 2])
    with pytest.raises(VizkitValueError, match="a has 2, b has 3"):
        check_consistent_length(a=[1, 2], b=[1, 2, 3])


def test_check_option_lists_the_choices():
    assert check_option("density", "hist", (True, False, "density")) == "density"
    with pytest.raises(VizkitValueError, match=r"hist='x'.*True, False, 'density'"):
        check_option("x", "hist", (True, False, "density"))
    with pytest.raises(VizkitValueError):
        check_option(1, "hist", (True, False))  # 1 == True, but is not True


def test_target_color_type():
    assert target_color_type(None) == TargetType.SINGLE
    assert target_color_type(np.array([0, 1, 1])) == TargetType.DISCRETE
    assert target_color_type(np.array(["a", "b"])) == TargetType.DISCRETE
    assert target_color_type(np.linspace(0, 1, 50)) == TargetType.CONTINUOUS
    assert target_color_type(np.arange(40)) == TargetType.CONTINUOUS


def test_decode_and_encode_labels():
    y = np.array([0, 2, 1])
    np.testing.assert_array_equal(
        decode_labels(y, {0: "x", 1: "y", 2: "z"}), ["x", "z", "y"]
    )
    encoder = LabelEncoder().fit(["cat", "dog"])
    np.testing.assert_array_equal(decode_labels([1, 0], encoder), ["dog", "cat"])
    classes = np.array([0, 1, 2])
    np.testing.assert_array_equal(class_names(classes, ["a", "b", "c"]), list("abc"))
    np.testing.assert_array_equal(
        class_names(classes, encoder={0: "x", 1: "y", 2: "z"}), list("xyz")
    )
    np.testing.assert_array_equal(class_names(classes), classes)
    with pytest.raises(VizkitValueError, match="labels has 2 names"):
        class_names(classes, ["a", "b"], name="labels")
    with pytest.raises(VizkitValueError, match="encoder could not decode"):
        class_names(classes, encoder={0: "x"})
    np.testing.assert_array_equal(
        encode_target(np.array(["b", "a"]), np.array(["b", "a"])), [0, 1]
    )
    with pytest.raises(VizkitValueError, match="'z'"):
        encode_target(np.array(["z"]), np.array(["a", "b"]))
    counts = align_counts(np.array([2, 9]), np.array([5, 1]), np.array([9, 7, 2]))
    np.testing.assert_array_equal(counts, [1, 0, 5])


def test_feature_names_from_frames():
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    X = np.zeros((2, 2))
    assert list(feature_names(X)) == ["x0", "x1"]
    assert list(feature_names(pd.DataFrame(X, columns=["a", "b"]))) == ["a", "b"]
    assert list(feature_names(pl.DataFrame(X, schema=["p", "q"]))) == ["p", "q"]
    with pytest.raises(VizkitValueError, match="features has 1 names"):
        feature_names(X, features=["only"])


def test_response_method_prefers_probabilities():
    X, y = make_classification(random_state=0)
    model = LogisticRegression().fit(X, y)
    method = response_method(model)
    assert method == "predict_proba" and getattr(model, method)(X).shape == (100, 2)
    svc = LinearSVC().fit(X, y)
    method = response_method(svc)
    assert method == "decision_function" and getattr(svc, method)(X).shape == (100,)
    with pytest.raises(ModelError, match="LinearRegression"):
        response_method(LinearRegression().fit(X, y))


def test_param_docs_reads_numpydoc_entries():
    class Viz:
        """Thing.

        Parameters
        ----------
        alpha : float, default=1
            Opacity.
        nrows, ncols : int
            Grid.
        """

    docs = param_docs(Viz)
    assert set(docs) == {"alpha", "nrows", "ncols"}
    assert docs["ncols"] == "nrows, ncols : int\n    Grid."


def test_class_colors_are_distinct_for_any_number_of_classes():
    for n_classes in (2, 9, 10, 11, 20, 21, 40):
        colors = class_colors(n_classes)
        assert len(colors) == n_classes == len(set(colors))
    assert class_colors(3) == color_palette(None, 3)  # the user's cycle first


def test_palettes_and_theme_restore_rcparams():
    assert color_palette("yellowbrick", 2) == ["#0272a2", "#9fc377"]
    assert len(color_palette("sns_deep", 3)) == 3
    assert resolve_colors(3, colors=["red"]) == ["#ff0000"] * 3
    assert resolve_colors(2, colors="red") == ["#ff0000"] * 2  # one colour for all
    assert resolve_colors(2, colors=(0, 0, 1)) == ["#0000ff"] * 2
    assert resolve_colors(2, colors="yellowbrick") == ["#0272a2", "#9fc377"]
    assert len(set(resolve_colors(4, colormap="viridis"))) == 4
    before = dict(mpl.rcParams)
    with theme("colorblind"):
        assert mpl.rcParams["axes.prop_cycle"].by_key()["color"][0] == "#0072b2"
    assert dict(mpl.rcParams) == before
    with pytest.raises(VizkitValueError, match="palette 'nope'"):
        color_palette("nope")
    with pytest.raises(VizkitValueError, match="colormap"):
        resolve_colors(3, colormap="no-such-colormap")


def test_datasets_are_offline_and_unpack():
    X, y = datasets.load_wine()
    assert X.shape == (178, 13) and len(y) == 178
    big = datasets.make_classification_data(n_samples=2_000, n_classes=5)
    assert big.X.shape == (2_000, 10) and set(big.y) == set(range(5))
    assert datasets.load("iris").feature_names[0].startswith("sepal")
    with pytest.raises(DatasetsError, match="unknown"):
        datasets.load("occupancy")


def test_check_no_overflow_refuses_values_whose_squares_overflow():
    fix = "rescale it."
    fine = np.array([1e150, -1e150, 3.0])
    assert check_no_overflow(fine, "y", fix) is fine
    assert check_no_overflow(np.array(["a", "b"]), "y", fix).size == 2
    with pytest.raises(
        VizkitValueError,
        match=r"^y holds values as large as 1e\+300, too large to compute with: for "
        r"3 values, sums of squares overflow to infinity above 3\.87e\+153; "
        r"rescale it\.$",
    ):
        check_no_overflow(np.array([0.0, -1e300, 1.0]), "y", fix)


def test_check_finite_names_the_argument_and_the_fix():
    with pytest.raises(
        VizkitValueError,
        match=r"^predict\(X\) contains 1 NaN or infinite value\(s\) \(the first, "
        r"infinite, at row 1\); rescale it\.$",
    ):
        check_finite(np.array([0.0, np.inf]), "predict(X)", "rescale it.")


def test_check_X_messages_follow_scikit_learns_wording():
    no_features = r"0 feature\(s\) \(shape=\(4, 0\)\) while a minimum of 1 is required"
    with pytest.raises(VizkitValueError, match=no_features):
        check_X(np.zeros((4, 0)))
    with pytest.raises(VizkitValueError, match=r"Reshape your data.*X\.reshape"):
        check_X(np.arange(3.0))
    with pytest.raises(VizkitValueError, match="X holds complex numbers"):
        check_X(np.ones((2, 2)) * 1j)
    with pytest.raises(VizkitValueError, match="y holds complex numbers"):
        check_target(np.ones(3) * 1j)


def test_check_X_refuses_sparse_and_unconvertible_cells_as_type_errors():
    with pytest.raises(VizkitTypeError, match=r"sparse matrix.*X\.toarray\(\)"):
        check_X(sparse.csr_matrix(np.eye(3)))
    X = np.ones((2, 2), dtype=object)
    X[0, 0] = {"a": 1}
    with pytest.raises(VizkitTypeError, match="X must be numeric.*'dict'"):
        check_X(X, numeric=True)


def test_array_likes_that_only_convert_to_arrays_are_counted():
    class OnlyArray:
        def __array__(self, dtype=None, copy=None):
            return np.zeros((5, 2))

    assert n_samples_of(OnlyArray(), "X") == 5


def test_object_arrays_of_numbers_are_labels_or_values():
    labels = np.array([0, 1, 2, 1], dtype=object)
    assert numeric_labels(labels).dtype.kind == "i"
    assert target_color_type(labels) == TargetType.DISCRETE
    values = np.array([0.5, 1.5, 2.25], dtype=object)
    assert target_color_type(values) == TargetType.CONTINUOUS
    strings = np.array(["a", "b"], dtype=object)
    assert numeric_labels(strings) is strings


def test_constant_columns_and_their_warning():
    from vizkit.exceptions import VizkitWarning
    from vizkit.utils.features import constant_columns, warn_constant

    X = np.array([[1.0, 2.0, 5.0], [1.0, 3.0, 5.0], [1.0, 4.0, 5.0]])
    mask = constant_columns(X)
    np.testing.assert_array_equal(mask, [True, False, True])
    with pytest.warns(VizkitWarning, match=r"Pearson .* column\(s\) 'a', 'c':"):
        warn_constant(["a", "b", "c"], mask, "Pearson correlation")
