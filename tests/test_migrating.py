"""Every public Yellowbrick 1.5 visualizer is in vizkit or in the migration guide.

Read from Yellowbrick's installed package (skipped without it): each
visualizer class and quick method of its visualizer modules must import from
the same path under ``vizkit``, or be named in ``docs/migrating.rst`` (which
then says what to use instead).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import warnings
from pathlib import Path

import matplotlib
import pytest

# Importing Yellowbrick restyles matplotlib for the whole session (rcParams);
# the context restores them, so tests run after this module draw as usual.
with matplotlib.rc_context():
    yellowbrick = pytest.importorskip(
        "yellowbrick",
        reason='needs Yellowbrick 1.5 to compare with: pip install -e ".[test]"',
    )

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "migrating.rst"
# Yellowbrick's own infrastructure, not visualizer modules.
NOT_VISUALIZERS = ("tests", "utils", "datasets", "download", "version", "exceptions")


def yellowbrick_modules():
    for info in pkgutil.walk_packages(yellowbrick.__path__, "yellowbrick."):
        parts = info.name.split(".")
        if any(part in NOT_VISUALIZERS for part in parts):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Yellowbrick's own deprecations
            try:
                yield importlib.import_module(info.name)
            except ImportError:  # an optional dependency of Yellowbrick's
                continue


def public_visualizers(module) -> list[str]:
    """Visualizer classes and quick methods defined in ``module``."""
    from yellowbrick.base import Visualizer

    names = []
    for name, obj in vars(module).items():
        if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
            continue
        if inspect.isclass(obj) and issubclass(obj, Visualizer):
            names.append(name)
        elif inspect.isfunction(obj) and "show" in inspect.signature(obj).parameters:
            names.append(name)  # quick methods take show=True
    return names


with matplotlib.rc_context():
    YELLOWBRICK_NAMES = sorted(
        (module.__name__, name)
        for module in yellowbrick_modules()
        for name in public_visualizers(module)
    )


def test_yellowbrick_visualizers_were_found():
    names = {name for _, name in YELLOWBRICK_NAMES}
    assert {"ROCAUC", "roc_auc", "KElbowVisualizer", "FreqDistVisualizer"} <= names


@pytest.mark.parametrize(("module", "name"), YELLOWBRICK_NAMES)
def test_each_visualizer_is_provided_or_explained(module, name):
    path = module.replace("yellowbrick", "vizkit", 1)
    try:
        provided = hasattr(importlib.import_module(path), name)
    except ModuleNotFoundError:
        provided = False
    if not provided:
        assert f"``{name}``" in GUIDE.read_text(encoding="utf-8"), (
            f"{module}.{name} is not importable from {path}: "
            "docs/migrating.rst must say what to use instead"
        )
