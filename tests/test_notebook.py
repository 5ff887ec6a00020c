"""Visualizers in a real Jupyter kernel, and the executed notebook page of the docs.

One notebook is built here (nbformat), run once in an ipykernel kernel with
``%matplotlib inline`` (nbclient), and each cell's ``image/png`` outputs are
counted: a visualizer displays its figure exactly once, whichever way it is
drawn (DESIGN.md section 3; the inline backend would otherwise show it a
second time at the end of the cell). The second part builds the docs'
notebook page with the docs extension's own function and checks its images
and printed numbers.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import numpy as np
import pytest

nbformat = pytest.importorskip(
    "nbformat", reason="needs nbformat: pip install -e .[test]"
)
nbclient = pytest.importorskip(
    "nbclient", reason="needs nbclient: pip install -e .[test]"
)
pytest.importorskip("ipykernel", reason="needs ipykernel: pip install -e .[test]")

# One xdist worker runs this module, so each kernel is started once.
pytestmark = pytest.mark.xdist_group("test_notebook")

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

SETUP = """\
%matplotlib inline
import matplotlib.pyplot as plt
from sklearn.linear_model import LogisticRegression
from vizkit.base import VisualizerGrid
from vizkit.classifier import ROCAUC, ConfusionMatrix, roc_auc
from vizkit.datasets import make_classification_data

data = make_classification_data(n_samples=300, n_features=5, n_classes=2)
X, y = data.X, data.y

def fitted(cls):
    viz = cls(LogisticRegression())
    viz.fit(X, y)
    viz.score(X, y)
    return viz
"""

# name -> (cell source, expected number of image/png outputs)
CELLS = {
    "show": ("viz = fitted(ROCAUC)\nviz.show()", 1),
    "plot_at_cell_end": ("plotted = fitted(ROCAUC)\nplotted.plot()", 1),
    "quick_method": ("quick = roc_auc(LogisticRegression(), X, y)", 1),
    "quick_method_no_show": (
        "unshown = roc_auc(LogisticRegression(), X, y, show=False)",
        1,
    ),
    "show_outpath": ("saved = fitted(ROCAUC)\nsaved.show(outpath=OUTPATH)", 1),
    "users_axes": (
        "fig, ax = plt.subplots()\nmine = fitted(ROCAUC)\nmine.plot(ax=ax)",
        1,
    ),
    "users_figure_then_show": (
        "plt.figure(figsize=(4, 3))\nsized = fitted(ROCAUC)\nsized.show()",
        1,
    ),
    "fit_only": ("unscored = ROCAUC(LogisticRegression())\nunscored.fit(X, y)", 0),
    "yellowbrick_finalize": (
        "old = ROCAUC(LogisticRegression())\nold.fit(X, y)\nold.score(X, y)\n"
        "old.finalize()",
        1,
    ),
    "two_visualizers": (
        "first, second = fitted(ROCAUC), fitted(ConfusionMatrix)\n"
        "first.show()\nsecond.show()",
        2,
    ),
    "plot_twice_then_show": (
        "again = fitted(ConfusionMatrix)\nagain.plot()\nagain.plot()\nagain.show()",
        1,
    ),
    "grid": (
        "grid = VisualizerGrid([ROCAUC(LogisticRegression()),\n"
        "                       ConfusionMatrix(LogisticRegression())])\n"
        "grid.fit(X, y)\ngrid.score(X, y)\ngrid.show()",
        1,
    ),
    "show_twice_first": ("twice = fitted(ROCAUC)\ntwice.show()", 1),
    "show_twice_second": ("twice.show()", 1),
    "open_figures_after": ("len(plt.get_fignums())", 0),
}


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The test notebook run once: {cell name: outputs}, and the outpath."""
    folder = tmp_path_factory.mktemp("kernel")
    outpath = folder / "saved.png"
    setup = SETUP + f"OUTPATH = {str(outpath)!r}\n"
    sources = [setup] + [source for source, _ in CELLS.values()]
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in sources]
    )
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute()  # raises CellExecutionError, with the traceback, on a failure
    outputs = dict(zip(CELLS, (cell.outputs for cell in notebook.cells[1:])))
    return outputs, outpath


def images(outputs) -> int:
    return sum("image/png" in out.get("data", {}) for out in outputs)


def result_text(outputs) -> str:
    """The text of the cell's last-expression value (execute_result)."""
    (result,) = [out for out in outputs if out.output_type == "execute_result"]
    return result["data"]["text/plain"]


@pytest.mark.parametrize("name", [n for n in CELLS if n != "open_figures_after"])
def test_each_figure_is_displayed_once(executed, name):
    outputs, _ = executed
    assert images(outputs[name]) == CELLS[name][1]


def test_show_with_outpath_saves_and_displays(executed):
    outputs, outpath = executed
    assert outpath.stat().st_size > 0
    assert outpath.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert images(outputs["show_outpath"]) == 1


def test_last_expression_text_is_the_axes_or_the_visualizer(executed):
    outputs, _ = executed
    # show() returns the Axes, as Yellowbrick's does; its repr names the title
    assert result_text(outputs["show"]).startswith("<Axes: title={'center': 'ROC")
    # plot() returns the visualizer: its text repr, plus scikit-learn's HTML one
    assert result_text(outputs["plot_at_cell_end"]) == (
        "ROCAUC(estimator=LogisticRegression())"
    )
    # fit() alone: the visualizer's repr and no picture, no figure made
    (fit_result,) = outputs["fit_only"]
    assert set(fit_result["data"]) == {"text/plain", "text/html"}


def test_no_figure_is_left_open_in_the_kernel(executed):
    outputs, _ = executed
    # Shown figures are closed by show() and by the inline backend at cell end.
    assert result_text(outputs["open_figures_after"]) == "0"


def test_no_cell_wrote_to_stderr(executed):
    outputs, _ = executed
    for name, cell_outputs in outputs.items():
        errors = [o for o in cell_outputs if o.get("name") == "stderr"]
        assert not errors, (name, errors)


# -- the docs' executed notebook page ---------------------------------------------


def load_extension():
    """docs/_ext/executed_notebook.py, imported by path (docs/ is no package)."""
    path = DOCS / "_ext" / "executed_notebook.py"
    spec = importlib.util.spec_from_file_location("executed_notebook", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tour(tmp_path_factory):
    """The docs' notebook page built by the extension alone (no Sphinx build)."""
    extension = load_extension()
    image_dir = tmp_path_factory.mktemp("tour")
    rst, cells = extension.render(DOCS / "notebook_tour.py", image_dir)
    return rst, [cell for cell in cells if cell.kind == "code"], image_dir


def displaying_calls(source: str) -> int:
    """How many figures a cell displays: its show()/plot() calls and quick methods."""
    from vizkit import registry

    quick = {declaration.quick.__name__ for declaration in registry.declarations()}
    calls = re.findall(r"\.(?:show|plot)\(|\b(\w+)\(", source)
    return sum(1 for name in calls if name == "" or name in quick)


def test_tour_displays_one_image_per_drawing_cell(tour):
    rst, cells, image_dir = tour
    drawing = [cell for cell in cells if displaying_calls(cell.source)]
    assert len(drawing) >= 5  # a visualizer, plot(), from_predictions, grid, quick
    for cell in cells:
        assert len(cell.images) == min(displaying_calls(cell.source), 1), cell.source
    written = sorted(image_dir.glob("*.png"))
    assert written == sorted(path for cell in cells for path in cell.images)
    for path in written:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f".. image:: {path}" in rst


def test_tour_prints_the_numbers_a_recomputation_gives(tour):
    from sklearn.linear_model import LogisticRegression, Ridge
    from sklearn.metrics import accuracy_score, confusion_matrix, r2_score
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from vizkit.datasets import load_breast_cancer, load_diabetes

    _, cells, _ = tour
    printed = "".join(text for cell in cells for text in cell.texts)
    X, y = load_breast_cancer()
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.3, stratify=y, random_state=0
    )
    model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train)
    y_pred = model.predict(X_test)
    expected = confusion_matrix(y_test, y_pred)
    shown = re.search(r"\[\[([\d\s]+)\]\s*\[([\d\s]+)\]\]", printed)
    numbers = [int(n) for n in " ".join(shown.groups()).split()]
    np.testing.assert_array_equal(np.reshape(numbers, (2, 2)), expected)
    assert f"accuracy: {accuracy_score(y_test, y_pred):.4f}" in printed

    Xr, yr = load_diabetes()
    Xr_train, Xr_test, yr_train, yr_test = train_test_split(Xr, yr, random_state=0)
    ridge = Ridge().fit(Xr_train, yr_train)
    assert f"test R2: {r2_score(yr_test, ridge.predict(Xr_test)):.4f}" in printed


def test_a_failing_cell_stops_the_page(tmp_path):
    extension = load_extension()
    source = tmp_path / "broken.py"
    source.write_text("# %%\nx = 1\n# %%\n1 / 0\n", encoding="utf-8")
    with pytest.raises(extension.NotebookError, match="ZeroDivisionError"):
        extension.render(source, tmp_path / "images")


def test_percent_cells_are_split_into_code_and_rst(tmp_path):
    extension = load_extension()
    source = tmp_path / "cells.py"
    source.write_text(
        "import os\n# %% [rst]\n# Title\n# -----\n#\n# text\n# %%\nos.sep\n",
        encoding="utf-8",
    )
    cells = extension.read_cells(source)
    assert [(c.kind, c.source) for c in cells] == [
        ("code", "import os"),
        ("rst", "Title\n-----\n\ntext"),
        ("code", "os.sep"),
    ]
