"""Write the generated pages from ``vizkit/registry.py`` (run on every build).

* The API reference: one page per family lists each registered visualizer
  (``autoclass``, with the methods it inherits from vizkit's base classes and
  a small picture from the gallery) and its quick method (``autofunction``),
  so a visualizer joins the reference by being registered
  (``docs/api/generated/``).
* The family pages (``docs/visualizers/``, ``familygen.py``) and the gallery
  listing (``gallery.inc``), with the rendered figures.

``docs/_ext/gallery_figures.py`` renders the figures and calls
:func:`generate`; without figures (``figures=None``) the pages are written
without pictures. A file is only rewritten when its text changes, so
incremental builds stay incremental.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import familygen
from rstgen import (
    DOCS,
    GALLERY,
    NOTICE,
    Example,
    Figures,
    figure,
    heading,
    image_path,
    read_examples,
    source,
    write_if_changed,
)

GENERATED = DOCS / "api" / "generated"
#: The API entries leave out what every scikit-learn estimator has: members
#: defined by these classes (get_params, set_params, the HTML repr, metadata
#: routing, set_output) are not repeated on each visualizer.
NOT_INHERITED = ", ".join(
    [
        "BaseEstimator",
        "ReprHTMLMixin",
        "_HTMLDocumentationLinkMixin",
        "_MetadataRequester",
        "_SetOutputMixin",
    ]
)
API_PICTURE_WIDTH = "320px"


def short_import(family: str, name: str) -> str | None:
    """``vizkit.<family>`` when the family package exports ``name``, else None."""
    package = f"vizkit.{family}"
    try:
        exported = hasattr(import_module(package), name)
    except ImportError:
        return None
    return package if exported else None


def picture(declaration, examples: list[Example]) -> str:
    """The visualizer's first gallery figure, small, linking to its family page."""
    for example in examples:
        if declaration in example.visualizers and example.images:
            image = example.images_of(declaration)[0]
            page = familygen.page_name(declaration.family)
            return "\n".join(
                [
                    f".. image:: {image_path(image)}",
                    f"   :alt: {example.title}",
                    f"   :width: {API_PICTURE_WIDTH}",
                    "",
                    f"More in :doc:`/visualizers/{page}` "
                    f"(:ref:`{familygen.anchor(declaration)}`).\n",
                ]
            )
    return ""


def entry(declaration, examples: list[Example]) -> str:
    """The section of one visualizer: import line, picture, class, quick method."""
    cls, quick = declaration.cls.__name__, declaration.quick.__name__
    package = short_import(declaration.family, cls) or declaration.cls.__module__
    return "\n".join(
        [
            heading(cls, "-"),
            f"``from {package} import {cls}`` (quick method: ``{quick}``)\n",
            picture(declaration, examples),
            f".. autoclass:: {declaration.class_path}",
            "   :members:",
            f"   :inherited-members: {NOT_INHERITED}",
            "   :show-inheritance:\n",
            f".. autofunction:: {declaration.quick_path}\n",
        ]
    )


def family_page(family: str, title: str, declarations, examples) -> str:
    """The reference page of one family."""
    parts = [NOTICE, heading(title, "=")]
    parts += [entry(declaration, examples) for declaration in declarations]
    return "\n".join(parts)


def families_toctree(families: list[str], folder: str = "generated") -> str:
    """A toctree of one page per family, for an ``.. include::``."""
    lines = [NOTICE, ".. toctree::", "   :maxdepth: 2", ""]
    lines += [f"   {folder}/{family}" for family in families]
    return "\n".join(lines) + "\n"


def gallery_listing(examples: list[Example], titles: dict[str, str]) -> str:
    """The gallery page's examples, by family: title, explanation, figures, code."""
    parts = [NOTICE]
    groups = [(family, titles[family]) for family in titles]
    for family, title in [*groups, (None, "Other examples")]:
        members = [example for example in examples if example.family == family]
        if not members:
            continue
        parts.append(heading(title.partition(":")[0], "~"))
        for example in members:
            parts += [
                heading(example.title, "^"),
                f"``{example.name}``\n",
                f"{example.body}\n" if example.body else "",
                *(figure(image, example.title) for image in example.images),
                source(example),
            ]
    return "\n".join(parts)


def remove_stale(folder: Path, keep: set[str]) -> None:
    """Delete generated pages of families no longer in the registry."""
    for page in folder.glob("*.rst"):
        if page.stem not in keep:
            page.unlink()


def generate(
    out: Path = GENERATED,
    figures: Figures | None = None,
    family_out: Path = familygen.FAMILY_PAGES,
    gallery: Path = GALLERY,
) -> list[Path]:
    """Write every generated page; return the API pages written."""
    from vizkit.registry import FAMILY_TITLES, declarations

    examples = read_examples(figures, gallery)
    families = {name: declarations(name) for name in FAMILY_TITLES}
    families = {name: found for name, found in families.items() if found}
    remove_stale(out, set(families))
    pages = []
    for family, found in families.items():
        page = out / f"{family}.rst"
        text = family_page(family, FAMILY_TITLES[family], found, examples)
        write_if_changed(page, text)
        pages.append(page)
    write_if_changed(out / "families.inc", families_toctree(list(families)))
    write_if_changed(out / "gallery.inc", gallery_listing(examples, FAMILY_TITLES))
    familygen.generate(families, examples, family_out)
    return pages
