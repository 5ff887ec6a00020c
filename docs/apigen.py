"""Write the API reference pages from ``vizkit/registry.py`` (run by conf.py).

One page per family lists each registered visualizer (``autoclass``) and its
quick method (``autofunction``), so a visualizer joins the reference by being
registered. Pages go to ``docs/api/generated/`` (gitignored); a file is only
rewritten when its text changes, so incremental builds stay incremental.

The gallery page's list of examples is generated here too, from the
``gallery/plot_*.py`` docstrings.
"""

from __future__ import annotations

import ast
import os
from importlib import import_module
from pathlib import Path

DOCS = Path(__file__).resolve().parent
GENERATED = DOCS / "api" / "generated"
GALLERY = DOCS.parent / "gallery"
NOTICE = ".. Generated from vizkit/registry.py by docs/apigen.py: do not edit.\n"


def heading(text: str, char: str) -> str:
    """An RST section title underlined with ``char``."""
    return f"{text}\n{char * len(text)}\n"


def short_import(family: str, name: str) -> str | None:
    """``vizkit.<family>`` when the family package exports ``name``, else None."""
    package = f"vizkit.{family}"
    try:
        exported = hasattr(import_module(package), name)
    except ImportError:
        return None
    return package if exported else None


def entry(family: str, class_path: str, quick_path: str) -> str:
    """The section of one visualizer: import line, class, quick method."""
    name = class_path.rpartition(".")[2]
    quick = quick_path.rpartition(".")[2]
    package = short_import(family, name) or class_path.rpartition(".")[0]
    return "\n".join(
        [
            heading(name, "-"),
            f"``from {package} import {name}`` (quick method: ``{quick}``)\n",
            f".. autoclass:: {class_path}",
            "   :members:",
            "   :show-inheritance:\n",
            f".. autofunction:: {quick_path}\n",
        ]
    )


def family_page(family: str, title: str, items: list[tuple[str, str]]) -> str:
    """The reference page of one family."""
    parts = [NOTICE, heading(title, "=")]
    parts += [entry(family, cls, quick) for cls, quick in items]
    return "\n".join(parts)


def families_toctree(families: list[str]) -> str:
    """The toctree of the family pages, included by ``api/index.rst``."""
    lines = [NOTICE, ".. toctree::", "   :maxdepth: 2", ""]
    lines += [f"   generated/{family}" for family in families]
    return "\n".join(lines) + "\n"


def example_docstring(path: Path) -> tuple[str, str]:
    """The title line and the rest of an example's module docstring."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    title, _, body = doc.strip().partition("\n")
    return (title.strip() or path.stem), body.strip()


def gallery_listing(gallery: Path = GALLERY) -> str:
    """A section per gallery example: its title, explanation and source."""
    parts = [NOTICE]
    for path in sorted(gallery.glob("plot_*.py")):
        title, body = example_docstring(path)
        parts += [
            heading(title, "~"),
            f"``{path.name}``\n",
            f"{body}\n" if body else "",
            f".. literalinclude:: /../gallery/{path.name}",
            "   :language: python",
            "   :lines: " + f"{_first_code_line(path)}-\n",
        ]
    return "\n".join(parts)


def _first_code_line(path: Path) -> int:
    """The line after the module docstring (the docs show its text already)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if tree.body and isinstance(tree.body[0], ast.Expr):
        return (tree.body[0].end_lineno or 0) + 2
    return 1


def write_if_changed(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` unless it already holds exactly that.

    The write is atomic (a temporary file, then a rename), so two builds
    running at once never read a half-written page.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def generate(out: Path = GENERATED) -> list[Path]:
    """Write every generated page; return the family pages written."""
    from vizkit.registry import FAMILY_TITLES, families

    FAMILIES = families()  # noqa: N806

    pages = []
    for stale in out.glob("*.rst"):  # a family dropped from the registry
        if stale.stem not in FAMILIES:
            stale.unlink()
    for family, items in FAMILIES.items():
        page = out / f"{family}.rst"
        title = FAMILY_TITLES.get(family, family.capitalize())
        write_if_changed(page, family_page(family, title, items))
        pages.append(page)
    write_if_changed(out / "families.inc", families_toctree(list(FAMILIES)))
    write_if_changed(out / "gallery.inc", gallery_listing())
    return pages
