"""The models of a comparison: their names, their task, their search candidates.

Pure helpers (models in, names and lists out, no matplotlib) shared by every
comparison visualizer: ``estimators`` may be a list of models, a list of
``(name, model)`` pairs or a dict, and ``names`` may rename them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from sklearn.base import clone, is_classifier, is_regressor

from vizkit.exceptions import NotFitted, VizkitValueError

NamedModels = list[tuple[str, Any]]


def model_label(model: Any) -> str:
    """A model's default name: its class (a Pipeline's final step's class)."""
    if hasattr(model, "steps"):
        model = model.steps[-1][1]
    return type(model).__name__


def unique_labels(labels: list[str]) -> list[str]:
    """Labels made unique as ``make_pipeline`` does: "Ridge-1", "Ridge-2"."""
    counts = {label: labels.count(label) for label in labels}
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        if counts[label] == 1:
            unique.append(label)
            continue
        seen[label] = seen.get(label, 0) + 1
        unique.append(f"{label}-{seen[label]}")
    return unique


def _is_pair(item: Any) -> bool:
    return isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)


def split_estimators(estimators: Any) -> tuple[list[str | None], list[Any]]:
    """``estimators`` as (given names or None, models), whatever its form."""
    if isinstance(estimators, Mapping):
        return list(estimators), list(estimators.values())
    listed = hasattr(estimators, "__iter__") and not isinstance(estimators, str)
    if not listed or hasattr(estimators, "fit"):
        raise VizkitValueError(
            f"estimators={type(estimators).__name__} is not a list of models; pass "
            "a list of estimators, a list of (name, estimator) pairs or a dict "
            "{name: estimator} (or build the comparison with add())."
        )
    items = list(estimators)
    return (
        [item[0] if _is_pair(item) else None for item in items],
        [item[1] if _is_pair(item) else item for item in items],
    )


def named_models(estimators: Any, names: Any = None) -> NamedModels:
    """``[(name, model), ...]``: ``names`` first, then given names, else classes."""
    given, models = split_estimators(estimators)
    if not models:
        raise VizkitValueError(
            "estimators is empty; pass at least one model (or build the "
            "comparison with add())."
        )
    for model in models:
        if not hasattr(model, "fit"):
            raise VizkitValueError(
                f"estimators holds {type(model).__name__}, which is not an "
                "estimator (it has no fit method); pass scikit-learn estimators."
            )
    if names is None:
        labels = [g if g is not None else model_label(m) for g, m in zip(given, models)]
        return list(zip(unique_labels(labels), models))
    return list(zip(check_names(names, len(models)), models))


def check_names(names: Any, n_models: int) -> list[str]:
    """``names`` as a list of distinct strings, one per model."""
    names = [names] if isinstance(names, str) else list(names)
    if len(names) != n_models:
        raise VizkitValueError(
            f"names has {len(names)} entries but there are {n_models} models; pass "
            "one name per model, in the order of estimators."
        )
    names = [str(name) for name in names]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise VizkitValueError(
            f"names repeats {duplicated}; give every model its own name, as each "
            "one gets its own legend entry."
        )
    return names


def task_of(model: Any) -> str:
    """ "classifier", "regressor" or "other", read through scikit-learn's API."""
    if is_classifier(model):
        return "classifier"
    return "regressor" if is_regressor(model) else "other"


def check_one_task(named: NamedModels, task: str | None, owner: str) -> str:
    """The models' common task; mixed tasks, or not ``task``, are refused."""
    tasks = {name: task_of(model) for name, model in named}
    found = sorted(set(tasks.values()))
    if len(found) > 1:
        listed = "; ".join(
            f"{kind}s: {[n for n, t in tasks.items() if t == kind]}" for kind in found
        )
        raise VizkitValueError(
            f"estimators mixes models of different tasks ({listed}); {owner} "
            "compares models of one task, so pass only classifiers or only "
            "regressors."
        )
    if task is not None and found[0] != task:
        from vizkit.exceptions import ModelError

        raise ModelError(
            f"{owner} compares {task}s, but {list(tasks)} are {found[0]} models; "
            f"pass {task}s."
        )
    return found[0]


# -- search candidates --------------------------------------------------------------


def best_candidates(search: Any, top: int) -> list[int]:
    """Indices of ``search``'s ``top`` best candidates, by ``rank_test_score``.

    Ties keep the order of ``cv_results_`` (a stable sort), as scikit-learn
    breaks them for ``best_index_``.
    """
    results = getattr(search, "cv_results_", None)
    if results is None:
        raise NotFitted(
            f"{type(search).__name__} is not fitted yet (it has no cv_results_); "
            "call search.fit(X, y) before comparing its candidates."
        )
    if "rank_test_score" in results:
        ranks = np.asarray(results["rank_test_score"])
    else:
        ranks = _refit_ranks(search, results)
    return [int(i) for i in np.argsort(ranks, kind="stable")[:top]]


def _refit_ranks(search: Any, results: dict) -> np.ndarray:
    """Ranks by the refit metric when several scorings were searched."""
    refit = getattr(search, "refit", None)
    key = f"rank_test_{refit}"
    if isinstance(refit, str) and key in results:
        return np.asarray(results[key])
    raise VizkitValueError(
        "the search has several scorings and no rank_test_score; fit it with "
        "refit='<metric name>' so its candidates can be ranked."
    )


def candidate_name(params: dict) -> str:
    """A short legend name of one candidate: "C=0.1, penalty='l2'"."""
    return ", ".join(
        f"{key.rsplit('__', 1)[-1]}={value!r}" for key, value in params.items()
    )


def search_candidates(search: Any, top: int) -> NamedModels:
    """Unfitted clones of the search's estimator with its best candidates' params."""
    chosen = best_candidates(search, top)
    params = search.cv_results_["params"]
    names = unique_labels([candidate_name(params[i]) or "default" for i in chosen])
    return [
        (name, clone(search.estimator).set_params(**params[i]))
        for name, i in zip(names, chosen)
    ]
