"""Sphinx configuration of the vizkit docs (offline: no intersphinx, no fetching).

Build with ``sphinx-build -W --keep-going -b html docs docs/_build/html``.
On every build, ``_ext/gallery_figures.py`` renders the gallery's figures
(or reuses them: ``VIZKIT_DOCS_GALLERY=DIR``, see ``gallery.rst``), then
``apigen.py`` writes the API reference, the family pages and the gallery
listing from ``vizkit/registry.py``.
"""

import os
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS))  # apigen, familygen, rstgen
sys.path.insert(0, str(DOCS / "_ext"))  # gallery_figures, executed_notebook
sys.path.insert(0, str(DOCS.parent))  # vizkit from this checkout
os.environ.setdefault("MPLBACKEND", "Agg")

import vizkit  # noqa: E402

project = "vizkit"
author = "the vizkit developers"
copyright = "the vizkit developers"
version = release = vizkit.__version__

extensions = ["sphinx.ext.autodoc", "numpydoc", "gallery_figures", "executed_notebook"]
exclude_patterns = ["_build"]
root_doc = "index"

# autodoc: the class docstring documents the parameters; hints are in the text.
autoclass_content = "class"
autodoc_member_order = "bysource"
autodoc_typehints = "none"

# numpydoc: no member tables (autodoc lists members), no type cross-references.
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

nitpicky = False

html_theme = "alabaster"
html_title = f"vizkit {version}"
html_static_path: list[str] = []


def skip_metadata_requests(app, what, name, obj, skip, options):
    """Hide scikit-learn's generated ``set_*_request`` methods (routing API)."""
    if name.startswith("set_") and name.endswith("_request"):
        return True
    return None


def setup(app):
    app.connect("autodoc-skip-member", skip_metadata_requests)
