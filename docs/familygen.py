"""Write one page per family of visualizers, with their gallery figures.

Each page (``docs/visualizers/<family>.rst``, gitignored, rewritten on every
build from ``vizkit/registry.py``) opens with the family package's module
docstring and a link to its guide, if it has one; then, per visualizer: its
name, the opening of its docstring, the figures of the gallery examples that
use it (captioned with the example's title), the examples' code, and links
to its API entry and its quick method.
"""

from __future__ import annotations

import inspect
from importlib import import_module
from pathlib import Path

from rstgen import DOCS, NOTICE, Example, figure, heading, source, write_if_changed

FAMILY_PAGES = DOCS / "visualizers"
#: The hand-written guides, by the family they explain.
GUIDES = {"tree": "trees", "training": "training", "inspection": "inspection"}


def page_name(family: str) -> str:
    """The page of a family, in ``docs/visualizers/`` ("contrib.missing")."""
    return family


def anchor(declaration) -> str:
    """The label of a visualizer's section on its family page."""
    return f"visualizer-{declaration.class_path.lower()}"


def family_title(title: str) -> str:
    """The short name of a family: its registry title up to the colon."""
    return title.partition(":")[0].strip()


def opening(obj) -> str:
    """The summary line and first paragraph of ``obj``'s docstring."""
    doc = inspect.getdoc(obj) or ""
    paragraphs = doc.split("\n\n")
    kept = [p for p in paragraphs[:2] if p.strip() and not _is_section(p)]
    return "\n\n".join(kept)


def _is_section(paragraph: str) -> bool:
    """Whether a paragraph starts a numpydoc section ("Parameters\\n------")."""
    lines = paragraph.strip().splitlines()
    return len(lines) > 1 and set(lines[1].strip()) == {"-"}


def introduction(family: str) -> str:
    """The family package's module docstring, and a link to its guide."""
    text = inspect.getdoc(import_module(f"vizkit.{family}")) or ""
    guide = GUIDES.get(family)
    if guide:
        text += f"\n\nThe guide :doc:`/{guide}` explains these views in depth."
    return text + "\n"


def examples_section(declaration, examples: list[Example], shown: dict) -> str:
    """The figures and code of every gallery example that uses the visualizer.

    ``shown`` maps the examples whose code the page already showed to the
    label of that section: their code is linked, not repeated.
    """
    parts = []
    for example in examples:
        if declaration not in example.visualizers:
            continue
        images = example.images_of(declaration)
        parts += [figure(image, example.title) for image in images]
        if example.name in shown:
            parts.append(
                f"The code (``gallery/{example.name}``) is shown under "
                f":ref:`{shown[example.name]}`.\n"
            )
        else:
            parts += [f"The code (``gallery/{example.name}``):\n", source(example)]
            shown[example.name] = anchor(declaration)
    return "\n".join(parts)


def links(declaration) -> str:
    """Where to read more: the API entry and the quick method."""
    quick = declaration.quick.__name__
    return (
        f"API: :class:`~{declaration.class_path}`; quick method: "
        f":func:`~{declaration.quick_path}` (``{quick}(...)`` builds, fits, "
        "scores and shows it in one call).\n"
    )


def visualizer_section(declaration, examples: list[Example], shown: dict) -> str:
    """One visualizer's section of its family page."""
    return "\n".join(
        [
            f".. _{anchor(declaration)}:\n",
            heading(declaration.cls.__name__, "-"),
            opening(declaration.cls) + "\n",
            examples_section(declaration, examples, shown),
            links(declaration),
        ]
    )


def family_page(family: str, declarations, examples: list[Example]) -> str:
    """The page of one family."""
    from vizkit.registry import FAMILY_TITLES

    parts = [NOTICE, heading(family_title(FAMILY_TITLES[family]), "="),
             introduction(family)]  # fmt: skip
    shown: dict[str, str] = {}  # example file name -> where its code is
    parts += [visualizer_section(d, examples, shown) for d in declarations]
    return "\n".join(parts)


def index_toctree(families: list[str]) -> str:
    """The toctree of the family pages, included by ``visualizers/index.rst``."""
    lines = [NOTICE, ".. toctree::", "   :maxdepth: 1", ""]
    lines += [f"   {page_name(family)}" for family in families]
    return "\n".join(lines) + "\n"


def generate(families: dict, examples: list[Example], out: Path = FAMILY_PAGES):
    """Write every family page and the toctree; return the pages written."""
    pages = []
    for stale in out.glob("*.rst"):
        if stale.stem != "index" and stale.stem not in families:
            stale.unlink()
    for family, declarations in families.items():
        page = out / f"{page_name(family)}.rst"
        write_if_changed(page, family_page(family, declarations, examples))
        pages.append(page)
    write_if_changed(out / "families.inc", index_toctree(list(families)))
    return pages
