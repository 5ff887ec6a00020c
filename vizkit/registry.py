"""One declaration per visualizer: its kind, quick method and example data.

Beside each visualizer class, its module declares it once::

    roc_auc = declare(ROCAUC, kind=SCORE, quick="roc_auc", example=classification)

and everything else follows from that line:

* the quick method (``roc_auc``), generated from the class: its signature
  lists the data arguments of the kind, every class parameter and ``show``,
  and its docstring is built from the class's;
* the family export: ``vizkit.classifier`` exports every visualizer declared
  in its modules (see :func:`export_family`), with its aliases;
* the registry that ``tests/test_common.py`` and the API reference read;
* the conformance recipe: the kind says how the checks feed the visualizer,
  ``example`` gives them small seeded data (and a model).

The kind says how a visualizer is fed: score visualizers fit a model and
score it on test data; transformers (feature visualizers) are fitted on X;
target visualizers on y alone; cluster, model (fitted once, e.g. feature
importances; y optional for a prefit model), repeated-fit (model selection),
tree and training visualizers fit a model on ``(X, y)``; data visualizers are
fitted on ``(X, y)`` without a model (they compute their own, e.g. least
squares for Cook's distance) and are not transformers.
"""

from __future__ import annotations

import inspect
import pkgutil
import sys
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from vizkit.exceptions import VizkitValueError
from vizkit.utils.docs import COMMON_PARAMS, param_docs

#: One-line summary of each family, for the docs. A family is a package, named
#: by its path below ``vizkit`` ("classifier", "contrib.missing").
FAMILY_TITLES: dict[str, str] = {
    "classifier": (
        "Classification: confusion matrices, reports, ROC, precision-recall, "
        "DET, gain, lift, KS and calibration curves, thresholds"
    ),
    "regressor": (
        "Regression: residuals, prediction error, alpha selection, influence"
    ),
    "features": (
        "Features: rankings, correlations, PCA, manifold and UMAP projections, "
        "RadViz, parallel coordinates, joint plots"
    ),
    "target": "Target: class balance, binning reference, feature correlation",
    "cluster": ("Clustering: elbow, silhouette, intercluster distance and dendrogram"),
    "contrib.missing": "Missing values: NaN counts per feature and their position",
    "model_selection": (
        "Model selection: learning and validation curves, CV scores, RFECV, "
        "dropping curves, feature and permutation importances"
    ),
    "gridsearch": "Grid search: scores over two parameters, parallel coordinates",
    "compare": "Comparison: several models on one figure",
    "tree": (
        "Decision trees: structure, split feature space, leaves and prediction paths"
    ),
    "training": (
        "Training progress: loss and score per epoch, weight, activation and "
        "update histograms, network structure"
    ),
    "inspection": (
        "Model inspection: SHAP values, permutation importance, partial "
        "dependence, local explanations, decision boundaries, mispredictions"
    ),
}


# -- kinds: how a visualizer is fed -----------------------------------------------


def _feed_score(viz, X_train, y_train, X_test=None, y_test=None) -> None:
    viz.fit(X_train, y_train)
    if X_test is not None and y_test is not None:
        viz.score(X_test, y_test)
    elif X_test is None and y_test is None:
        viz._score_training(X_train, y_train)
    else:
        raise VizkitValueError(
            "X_test and y_test go together: pass both or neither (then the "
            "training data is shown)."
        )


def _feed_transformer(viz, X, y=None) -> None:
    # fit, not fit_transform: the quick method draws and discards the
    # transformed X, and fit may embed a sample where fit_transform must
    # return every row (Manifold with t-SNE).
    viz.fit(X, y)


def _feed_target(viz, y_train, y_test=None) -> None:
    viz.fit(y_train, y_test)


def _feed_model(viz, X, y=None) -> None:
    viz.fit(X, y)


@dataclass(frozen=True)
class Kind:
    """How one kind of visualizer is fed by its quick method and the checks."""

    name: str
    data: tuple[str, ...]  # the quick method's data arguments, in order
    required: int  # how many of them must be given
    feed: Callable[..., None]  # (visualizer, *data without the estimator)

    @property
    def wraps_model(self) -> bool:
        return self.data[0] in ("estimator", "estimators")

    @property
    def model_argument(self) -> str | None:
        """The quick method's model argument ("estimator" or "estimators")."""
        return self.data[0] if self.wraps_model else None


SCORE = Kind(
    "score", ("estimator", "X_train", "y_train", "X_test", "y_test"), 3, _feed_score
)
TRANSFORMER = Kind("transformer", ("X", "y"), 1, _feed_transformer)
TARGET = Kind("target", ("y_train", "y_test"), 1, _feed_target)
CLUSTER = Kind("cluster", ("estimator", "X", "y"), 2, _feed_model)
MODEL = Kind("model", ("estimator", "X", "y"), 2, _feed_model)
REPEATED_FIT = Kind("repeated_fit", ("estimator", "X", "y"), 3, _feed_model)
TREE = Kind("tree", ("estimator", "X", "y"), 3, _feed_model)
TRAINING = Kind("training", ("estimator", "X", "y"), 3, _feed_model)
DATA = Kind("data", ("X", "y"), 2, _feed_model)
# Several models compared on one figure: fitted on training data, scored on test data.
COMPARE = Kind(
    "compare", ("estimators", "X_train", "y_train", "X_test", "y_test"), 3, _feed_score
)
KINDS = (
    SCORE, TRANSFORMER, TARGET, CLUSTER, MODEL, REPEATED_FIT, TREE, TRAINING, DATA,
    COMPARE,
)  # fmt: skip


# -- declarations -----------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    """Small seeded data for a visualizer, and the model it wraps (if any)."""

    X: Any
    y: Any
    estimator: Callable[[], Any] | None = None  # a fresh, unfitted model
    #: Constructor arguments the visualizer requires (ValidationCurve's
    #: param_name and param_range), given wherever the checks build one.
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Declaration:
    """Everything vizkit knows about one public visualizer."""

    cls: type
    kind: Kind
    quick: Callable[..., Any]
    example: Callable[[], Example]
    aliases: tuple[str, ...] = ()

    @property
    def family(self) -> str:
        """The package of the class's module, below ``vizkit`` ("contrib.missing")."""
        return family_of(self.cls.__module__.rpartition(".")[0])

    @property
    def class_path(self) -> str:
        return f"{self.cls.__module__}.{self.cls.__name__}"

    @property
    def quick_path(self) -> str:
        return f"{self.cls.__module__}.{self.quick.__name__}"


_DECLARED: dict[type, Declaration] = {}


def family_of(package: str) -> str:
    """A family's name: its package below vizkit ("contrib.missing")."""
    return package.removeprefix("vizkit.")


def declare(
    cls: type,
    *,
    kind: Kind,
    quick: str,
    example: Callable[[], Example],
    aliases: Sequence[str] = (),
    renamed_arguments: dict[str, str] | None = None,
) -> Callable[..., Any]:
    """Register ``cls`` and return its generated quick method named ``quick``.

    ``aliases`` are Yellowbrick's other names of the class; they are set in
    the class's module and exported by its family. ``renamed_arguments`` maps
    the quick method's Yellowbrick keyword names to vizkit's (``{"model":
    "estimator"}``): the old keyword still works, with a deprecation warning.
    """
    module = sys.modules[cls.__module__]
    for alias in aliases:
        setattr(module, alias, cls)
    function = quick_method(cls, quick, kind, renamed_arguments or {})
    _DECLARED[cls] = Declaration(cls, kind, function, example, tuple(aliases))
    return function


def export_family(package: str, path: Sequence[str], namespace: dict) -> list[str]:
    """Import every module of a family package and export what they declare.

    A family's ``__init__`` calls this, so a new visualizer module is exported
    without editing it. Returns the exported names, for ``__all__``.
    """
    for info in pkgutil.iter_modules(path):
        if not info.name.startswith("_"):
            import_module(f"{package}.{info.name}")
    family = family_of(package)
    exported: list[str] = []
    for declaration in _DECLARED.values():
        if declaration.family == family:
            cls = declaration.cls
            names = {cls.__name__: cls, declaration.quick.__name__: declaration.quick}
            names.update(dict.fromkeys(declaration.aliases, cls))
            namespace.update(names)
            exported += names
    return exported


def declarations(family: str | None = None) -> list[Declaration]:
    """The declared visualizers of one family, or of all, in family order."""
    families = [family] if family else list(FAMILY_TITLES)
    for name in families:
        import_module(f"vizkit.{name}")
    return [d for name in families for d in _DECLARED.values() if d.family == name]


def visualizers(family: str | None = None) -> list[type]:
    """The visualizer classes of one family, or of all families."""
    return [declaration.cls for declaration in declarations(family)]


def declaration_of(cls: type) -> Declaration:
    """The declaration of a registered visualizer class."""
    declarations()
    return _DECLARED[cls]


# -- quick methods ----------------------------------------------------------------

_DATA_DOCS = {
    "X": """\
X : array-like of shape (n_samples, n_features)
    The data.""",
    "y": """\
y : array-like of shape (n_samples,), default=None
    The target.""",
}


def quick_method(
    cls: type, name: str, kind: Kind, renamed: dict[str, str] | None = None
) -> Callable[..., Any]:
    """Build the quick method ``name`` of ``cls``: build, feed, show, return it.

    Its signature is the kind's data arguments, then every parameter of
    ``cls`` (in the class's order), then ``show`` and ``**kwargs`` (unknown
    names are warned about and dropped, as Yellowbrick accepted them).
    """
    from vizkit.base import one_call, quick_params

    signature = _quick_signature(cls, kind)

    def quick(*args, **kwargs):
        kwargs = _new_keyword_names(name, kwargs, renamed or {})
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        arguments = dict(bound.arguments)
        extra = arguments.pop("kwargs")
        show = arguments.pop("show")
        data = [arguments.pop(arg) for arg in kind.data]
        arguments.update(quick_params(cls, extra))
        if kind.wraps_model:
            viz = cls(data.pop(0), **arguments)
        else:
            viz = cls(**arguments)
        with one_call(viz):
            kind.feed(viz, *data)
            if show:
                viz.show()
            else:
                viz.plot()
        return viz

    quick.__name__ = quick.__qualname__ = name
    quick.__module__ = cls.__module__
    quick.__signature__ = signature  # type: ignore[attr-defined]
    quick.__doc__ = _quick_doc(cls, kind)
    return quick


def _new_keyword_names(
    quick: str, kwargs: dict[str, Any], renamed: dict[str, str]
) -> dict[str, Any]:
    """``kwargs`` with Yellowbrick's keyword names replaced by vizkit's, warning."""
    from vizkit.exceptions import VizkitDeprecationWarning

    for old, new in renamed.items():
        if old in kwargs:
            if new in kwargs:
                raise VizkitValueError(
                    f"{quick}() got both {old}= and {new}=; {old} is Yellowbrick's "
                    f"name for {new}: pass only {new}=."
                )
            warnings.warn(
                f"{quick}({old}=...) is Yellowbrick's spelling; use {new}=.",
                VizkitDeprecationWarning,
                stacklevel=3,
            )
            kwargs = {(new if key == old else key): v for key, v in kwargs.items()}
    return kwargs


def _quick_signature(cls: type, kind: Kind) -> inspect.Signature:
    positional = inspect.Parameter.POSITIONAL_OR_KEYWORD
    data = [
        inspect.Parameter(
            arg,
            positional,
            default=inspect.Parameter.empty if i < kind.required else None,
        )  # fmt: skip
        for i, arg in enumerate(kind.data)
    ]
    own = [
        param.replace(kind=positional)
        for param in inspect.signature(cls).parameters.values()
        if param.name != kind.model_argument
    ]
    tail = [
        inspect.Parameter("show", positional, default=True),
        inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD),
    ]
    return inspect.Signature(data + own + tail)


def _quick_doc(cls: type, kind: Kind) -> str:
    class_docs = param_docs(cls)
    summary = inspect.cleandoc(cls.__doc__ or "").split("\n\n")[0]
    verbs = "fit, score and draw" if kind is SCORE else "fit and draw"
    data_docs = [
        class_docs[arg] if arg == kind.model_argument else
        COMMON_PARAMS.get(arg) or _DATA_DOCS[arg]
        for arg in kind.data
    ]  # fmt: skip
    blocks: list[str] = []
    for param, text in class_docs.items():
        # "nrows, ncols : int" is one entry under two names: keep it once.
        if param != kind.model_argument and text not in blocks:
            blocks.append(text)
    body = "\n".join(data_docs + blocks + [COMMON_PARAMS["show"]])
    return (
        f"Build, {verbs} a :class:`{cls.__name__}` in one call.\n\n{summary}\n\n"
        f"Parameters\n----------\n{body}\n**kwargs\n    Unknown names are "
        f"ignored with a warning.\n\nReturns\n-------\nviz : {cls.__name__}\n"
        f"    The fitted and drawn visualizer.\n"
    )


def families() -> dict[str, list[tuple[str, str]]]:
    """Each family's ``(class path, quick method path)`` pairs, for the docs."""
    return {
        family: [(d.class_path, d.quick_path) for d in declarations(family)]
        for family in FAMILY_TITLES
    }
