"""scikit-learn's own estimator checks (``check_estimator``) over every visualizer.

One instance per registered visualizer, built from its declaration (model
visualizers wrap the example's model). Where vizkit deliberately differs from
what the checks assume, the check is an expected failure with a one-line
reason; the rules below follow from a visualizer's kind and wrapped model, so
a new visualizer is checked as soon as it is registered.
"""

from __future__ import annotations

import pytest
from sklearn.base import is_classifier
from sklearn.utils import get_tags
from sklearn.utils.estimator_checks import parametrize_with_checks

from vizkit import registry
from vizkit.registry import TARGET


def _instance(declaration: registry.Declaration):
    """The visualizer with default parameters, wrapping the example's model."""
    example = declaration.example()
    if declaration.kind.wraps_model:
        return declaration.cls(example.estimator(), **example.params)
    return declaration.cls(**example.params)


VISUALIZERS = [_instance(d) for d in registry.declarations()]

#: Every model visualizer: Yellowbrick's fit-in-place contract (DESIGN.md 2).
FITS_MODEL_IN_PLACE = {
    "check_estimators_overwrite_params": (
        "fit fits the wrapped estimator in place, as in Yellowbrick (DESIGN.md 2), "
        "so the estimator parameter is fitted afterwards"
    ),
}
#: Target visualizers: Yellowbrick's fit(y_train, y_test); X is never read.
READS_Y_ONLY = {
    "check_fit_score_takes_y": (
        "Yellowbrick's API: ClassBalance.fit takes the target first, "
        "fit(y_train, y_test); a 2-D first argument is taken as the X of fit(X, y)"
    ),
    "check_n_features_in_after_fitting": (
        "the X of fit(X, y) and score(X, y) is never read (the target is drawn "
        "alone), so its columns are not checked"
    ),
    "check_estimators_empty_data_messages": (
        "the X of fit(X, y) is never read (the target is drawn alone), so an X "
        "without features is no error"
    ),
}


def _model_rules(model) -> dict[str, str]:
    """Expected failures that come from the wrapped model's own API."""
    name = type(model).__name__
    rules = dict(FITS_MODEL_IN_PLACE)
    if hasattr(model, "sparsify"):
        rules["check_sparsify_coefficients"] = (
            f"Yellowbrick's attribute proxy reaches {name}.sparsify(), but fitted "
            "attributes such as coef_ stay on viz.estimator (never proxied)"
        )
    if hasattr(model, "max_iter"):
        check = (  # transformer tags follow the model's (ModelVisualizer)
            "check_transformer_n_iter"
            if hasattr(model, "transform")
            else "check_non_transformer_estimators_n_iter"
        )
        rules[check] = (
            f"Yellowbrick's attribute proxy shows {name}'s max_iter, but fitted "
            "attributes such as n_iter_ stay on viz.estimator (never proxied)"
        )
    if name == "MLPClassifier" and model.max_iter < 100:
        rules["check_classifiers_train"] = (
            f"the example's {name} trains {model.max_iter} epochs, to keep the "
            "checks fast: too few for the check's accuracy of 0.83, which the "
            f"{name} alone misses too"
        )
    if get_tags(model).target_tags.multi_output:
        rules["check_supervised_y_2d"] = (
            "a one-column y (e.g. df[['target']]) is read as 1-D without a "
            f"DataConversionWarning and goes to {name} as given, which accepts it"
        )
    return rules


#: Visualizers that fit a clone of the model for every number of clusters up
#: to ``k`` (the given model is never fitted, so it is no expected failure).
FITS_UP_TO_K_CLUSTERS = {
    check: (
        "the default k=10 (Yellowbrick's) needs more than 10 samples, but the "
        "check fits 10 (scikit-learn 1.6 also in check_n_features_in_after_"
        "fitting); a k of n_samples or more is refused"
    )
    for check in (
        "check_fit2d_1feature",
        "check_estimators_nan_inf",
        "check_n_features_in_after_fitting",
    )
}


#: Visualizers that cross-validate with an integer number of folds (None is 5).
CROSS_VALIDATES_IN_FOLDS = {
    check: (
        "the check fits 10 rows or fewer, too few for each class in every one of "
        "the 5 stratified folds (scikit-learn's default cv), which is refused "
        "(scikit-learn 1.6 also in check_n_features_in_after_fitting)"
    )
    for check in (
        "check_fit2d_1sample",
        "check_fit2d_1feature",
        "check_n_features_in_after_fitting",
    )
}
#: Learning curves: the smallest training size is 10% of a training fold.
TINY_TRAINING_PREFIX = {
    check: (
        "the default smallest training size (10% of a fold of the check's 20 to "
        "30 rows) holds one class, which the classifier cannot fit; vizkit "
        "raises naming the fold (scikit-learn's learning_curve scores NaN)"
    )
    for check in (
        "check_dont_overwrite_parameters", "check_estimators_fit_returns_self",
        "check_readonly_memmap_input", "check_n_features_in_after_fitting",
        "check_positive_only_tag_during_fit", "check_estimators_dtypes",
        "check_estimators_nan_inf", "check_f_contiguous_array_estimator",
        "check_classifier_data_not_an_array",
        "check_classifiers_one_label_sample_weights", "check_classifiers_classes",
        "check_methods_sample_order_invariance", "check_methods_subset_invariance",
        "check_dict_unchanged", "check_fit2d_predict1d",
    )
}  # fmt: skip

#: Visualizers explaining one instance ``x`` given to the constructor (PredictionPath).
FIXED_INSTANCE = {
    check: (
        "the instance x is one row of the example data (5 features); the check "
        "fits data of another width (or one class), in which x cannot be "
        "explained, and vizkit refuses it naming x"
    )
    for check in (
        "check_classifier_data_not_an_array", "check_classifiers_classes",
        "check_classifiers_one_label_sample_weights",
        "check_classifiers_train", "check_dict_unchanged",
        "check_dont_overwrite_parameters", "check_dtype_object",
        "check_estimator_sparse_array", "check_estimator_sparse_matrix",
        "check_estimator_sparse_tag", "check_estimators_fit_returns_self",
        "check_estimators_pickle", "check_f_contiguous_array_estimator",
        "check_fit2d_1feature", "check_fit2d_predict1d",
        "check_fit_check_is_fitted", "check_fit_idempotent",
        "check_fit_score_takes_y", "check_methods_sample_order_invariance",
        "check_methods_subset_invariance", "check_n_features_in",
        "check_n_features_in_after_fitting", "check_pipeline_consistency",
        "check_positive_only_tag_during_fit", "check_readonly_memmap_input",
        # These also fit clean data of another width (seen with LocalExplanation).
        "check_estimators_nan_inf", "check_supervised_y_2d",
        "check_decision_proba_consistency",
    )
}  # fmt: skip


def expected_failed_checks(viz) -> dict[str, str]:
    """{check name: why vizkit differs} for one visualizer."""
    declaration = registry.declaration_of(type(viz))
    if declaration.kind.model_argument == "estimators":  # a comparison
        return _model_rules(viz.estimators[0])
    if declaration.kind.wraps_model:
        rules = _model_rules(viz.estimator)
        if "k" in viz.get_params():
            rules.update(FITS_UP_TO_K_CLUSTERS)
            rules.pop("check_estimators_overwrite_params")
        cv = viz.get_params().get("cv", "none")
        if (cv is None or isinstance(cv, int)) and is_classifier(viz.estimator):
            rules.update(CROSS_VALIDATES_IN_FOLDS)
        if "train_sizes" in viz.get_params() and is_classifier(viz.estimator):
            rules.update(TINY_TRAINING_PREFIX)
        if viz.get_params().get("x") is not None:
            rules.update(FIXED_INSTANCE)
        return rules
    if declaration.kind is TARGET:
        return dict(READS_Y_ONLY)
    if getattr(declaration.cls, "_accepts_1d_X", False):
        return {"check_fit1d": "a 1-D X is one feature drawn against y (Yellowbrick)"}
    return {}


def _parametrize_with_checks(estimators, **kwargs):
    """``parametrize_with_checks``, its checks in a list.

    scikit-learn 1.6 hands pytest a generator, which pytest 9 deprecates
    (a warning, so an error here); newer scikit-learn passes a list.
    """
    mark = parametrize_with_checks(estimators, **kwargs)
    argnames, argvalues = mark.args
    return pytest.mark.parametrize(argnames, list(argvalues), **mark.kwargs)


@_parametrize_with_checks(VISUALIZERS, expected_failed_checks=expected_failed_checks)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


def test_every_visualizer_is_checked():
    checked = {type(viz) for viz in VISUALIZERS}
    assert checked == set(registry.visualizers())
    assert len(VISUALIZERS) == len(checked)


@pytest.mark.parametrize("viz", VISUALIZERS, ids=lambda viz: type(viz).__name__)
def test_expected_failures_have_one_line_reasons(viz):
    for check, reason in expected_failed_checks(viz).items():
        assert check.startswith("check_")
        assert reason and "\n" not in reason, check
