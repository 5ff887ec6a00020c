"""Pieces of generated reStructuredText shared by the generated pages.

The gallery examples are read here once (title, explanation, where the code
starts, which registered visualizers they use), and matched with the figures
the docs build rendered for them (``docs/_ext/gallery_figures.py``).
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass, field
from pathlib import Path

from vizkit.gallery import example_docstring

DOCS = Path(__file__).resolve().parent
GALLERY = DOCS.parent / "gallery"
NOTICE = ".. Generated from vizkit/registry.py by docs/apigen.py: do not edit.\n"

#: Figures by example file name, as ``gallery_figures.gallery_figures`` gives them.
Figures = dict[str, list[Path]]


def heading(text: str, char: str) -> str:
    """An RST section title underlined with ``char``."""
    return f"{text}\n{char * len(text)}\n"


def indent(text: str, spaces: int = 3) -> str:
    """``text`` with each non-empty line indented (a directive's content)."""
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in text.splitlines())


def write_if_changed(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` unless it already holds exactly that.

    Unchanged pages keep their time stamp, so incremental builds stay
    incremental. The write is atomic (a temporary file, then a rename), so
    two builds running at once never read a half-written page.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def image_path(image: Path) -> str:
    """An image's path from the docs root, as RST image directives take it."""
    return "/" + image.resolve().relative_to(DOCS).as_posix()


# -- the gallery examples ---------------------------------------------------------


@dataclass
class Example:
    """One gallery script, as the docs show it."""

    path: Path
    title: str
    body: str
    images: list[Path] = field(default_factory=list)
    #: The registered visualizers it imports (registry declarations), in order.
    visualizers: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def family(self) -> str | None:
        return self.visualizers[0].family if self.visualizers else None

    def images_of(self, declaration) -> list[Path]:
        """The figures that show ``declaration``.

        An example that draws one figure per visualizer it imports (a bar
        chart, then a dispersion plot) draws them in import order; otherwise
        every figure of the example shows each of its visualizers.
        """
        if len(self.images) == len(self.visualizers) > 1:
            return [self.images[self.visualizers.index(declaration)]]
        return list(self.images)


def first_code_line(path: Path) -> int:
    """The line after the module docstring (the docs show its text already)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if tree.body and isinstance(tree.body[0], ast.Expr):
        return (tree.body[0].end_lineno or 0) + 2
    return 1


def read_examples(figures: Figures | None = None, gallery: Path = GALLERY):
    """Every ``plot_*.py`` example, with its figures (none without ``figures``)."""
    from vizkit.gallery import example_visualizers

    examples = []
    for path in sorted(gallery.glob("plot_*.py")):
        title, body = example_docstring(path)
        images = (figures or {}).get(path.name, [])
        examples.append(
            Example(path, title, body, list(images), example_visualizers(path))
        )
    return examples


def figure(image: Path, caption: str, width: str | None = None) -> str:
    """A ``.. figure::`` of a gallery PNG with ``caption`` under it."""
    lines = [f".. figure:: {image_path(image)}", f"   :alt: {caption}"]
    if width:
        lines.append(f"   :width: {width}")
    return "\n".join([*lines, "", indent(caption), ""])


def source(example: Example) -> str:
    """The example's code, without the docstring the page already shows."""
    return "\n".join(
        [
            f".. literalinclude:: /../gallery/{example.name}",
            "   :language: python",
            f"   :lines: {first_code_line(example.path)}-",
            "",
        ]
    )
