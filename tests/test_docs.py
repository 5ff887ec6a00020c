"""The Sphinx docs build without a warning and document every registered visualizer."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vizkit.registry import FAMILY_TITLES, families

# Under pytest-xdist, one worker runs this module, so the Sphinx site is built once.
pytestmark = pytest.mark.xdist_group("test_docs")

FAMILIES = families()

DOCS = Path(__file__).resolve().parent.parent / "docs"

for _module in ("sphinx", "numpydoc"):
    if importlib.util.find_spec(_module) is None:
        pytest.skip(
            f"{_module} is not installed; install the test extra "
            '(pip install -e ".[test]") to build the docs.',
            allow_module_level=True,
        )


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> Path:
    """Build the HTML docs once, warnings as errors; return the output folder."""
    out = tmp_path_factory.mktemp("docs_html")
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", "-q",
         str(DOCS), str(out)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )  # fmt: skip
    assert proc.returncode == 0, f"sphinx-build failed:\n{proc.stderr}"
    return out


def read(html: Path, page: str) -> str:
    return (html / page).read_text(encoding="utf-8")


@pytest.mark.parametrize("family", list(FAMILIES))
def test_api_page_lists_every_registered_visualizer(html, family):
    page = read(html, f"api/generated/{family}.html")
    assert FAMILY_TITLES[family] in page
    for class_path, quick_path in FAMILIES[family]:
        # autodoc anchors each documented object by its full path
        assert f'id="{class_path}"' in page, f"{class_path} is not documented"
        assert f'id="{quick_path}"' in page, f"{quick_path} is not documented"


def test_api_index_links_every_family(html):
    index = read(html, "api/index.html")
    for family in FAMILIES:
        assert f'href="generated/{family}.html"' in index


def test_every_page_is_built(html):
    for page in ("index", "quickstart", "migrating", "gallery", "api/core"):
        assert (html / f"{page}.html").is_file()


def test_migrating_lists_the_behavioural_differences(html):
    page = read(html, "migrating.html")
    for phrase in ("plt.gca()", "estimator__C", "poof()", "vizkit.style.theme()",
                   "fpr_", "ax_", "ClassBalance", "Pipeline"):  # fmt: skip
        assert phrase in page, phrase


def test_gallery_page_shows_every_example(html):
    page = read(html, "gallery.html")
    for script in sorted((DOCS.parent / "gallery").glob("plot_*.py")):
        assert script.name in page


def test_generator_writes_a_page_per_family(tmp_path):
    sys.path.insert(0, str(DOCS))
    try:
        import apigen
    finally:
        sys.path.remove(str(DOCS))
    pages = apigen.generate(tmp_path)
    assert sorted(p.stem for p in pages) == sorted(FAMILIES)
    text = (tmp_path / "classifier.rst").read_text(encoding="utf-8")
    for class_path, quick_path in FAMILIES["classifier"]:
        assert f".. autoclass:: {class_path}" in text
        assert f".. autofunction:: {quick_path}" in text
