"""Run a notebook at docs build time and show it as a page (a small Sphinx extension).

The notebook is a percent-format script (``# %%`` starts a code cell,
``# %% [rst]`` a text cell whose lines are reStructuredText behind ``# ``), so
it is plain Python that also runs with ``python FILE`` and opens as a notebook
in editors that read percent cells. At build time it runs once in an ipykernel
kernel with the inline backend (nbclient), as in Jupyter, and the directive ::

    .. executed-notebook:: notebook_tour.py

turns it into the code of each cell, its text outputs and its figures (PNG
files written to ``docs/_generated/<name>/``, shown with ``.. image::``). A
cell that raises or writes to stderr fails the build.
"""

from __future__ import annotations

import base64
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# Run before the notebook's own cells, as a Jupyter user's first cell would.
SETUP_CELL = "%matplotlib inline"
CELL_START = re.compile(r"^# %%(?:\s*\[(?P<kind>\w+)\])?")
GENERATED = "_generated"
TIMEOUT_SECONDS = 600


@dataclass
class Cell:
    """One cell of the source: ``kind`` is "code" or "rst"."""

    kind: str
    source: str


@dataclass
class ExecutedCell:
    """A cell after the run: its outputs in order, each a text or an image file."""

    kind: str
    source: str
    outputs: list[str | Path] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        return [out for out in self.outputs if isinstance(out, str)]

    @property
    def images(self) -> list[Path]:
        return [out for out in self.outputs if isinstance(out, Path)]


class NotebookError(RuntimeError):
    """A notebook cell failed or wrote to stderr (the docs build stops)."""


def read_cells(path: Path) -> list[Cell]:
    """Split a percent-format script into code and rst cells (empty ones dropped)."""
    cells: list[Cell] = []
    kind, lines = "code", []
    for line in path.read_text(encoding="utf-8").splitlines():
        start = CELL_START.match(line)
        if start is None:
            lines.append(line)
            continue
        cells.append(Cell(kind, _cell_text(kind, lines)))
        kind, lines = ("rst" if start["kind"] == "rst" else "code"), []
    cells.append(Cell(kind, _cell_text(kind, lines)))
    return [cell for cell in cells if cell.source]


def _cell_text(kind: str, lines: list[str]) -> str:
    if kind == "rst":  # "# text" -> "text", a bare "#" -> a blank line
        lines = [re.sub(r"^# ?", "", line) for line in lines]
    return "\n".join(lines).strip("\n")


def execute(cells: list[Cell], workdir: Path):
    """Run the code cells in a fresh kernel; return the executed nbformat notebook."""
    import nbclient
    import nbformat

    code = [SETUP_CELL] + [cell.source for cell in cells if cell.kind == "code"]
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in code]
    )
    client = nbclient.NotebookClient(
        notebook,
        timeout=TIMEOUT_SECONDS,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
    )
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as error:
        raise NotebookError(f"a notebook cell failed:\n{error}") from error
    return notebook


def collect_outputs(cell: Cell, outputs, image_dir: Path, stem: str) -> ExecutedCell:
    """Write the cell's PNG outputs to ``image_dir``; keep the text ones."""
    done = ExecutedCell(cell.kind, cell.source)
    after_print = False  # consecutive prints form one block, as Jupyter shows them
    for output in outputs:
        if output.output_type == "stream":
            if output.name == "stderr":
                raise NotebookError(
                    f"a notebook cell wrote to stderr:\n{cell.source}\n{output.text}"
                )
            if after_print:
                done.outputs[-1] += output.text
            else:
                done.outputs.append(output.text)
            after_print = True
            continue
        after_print = False
        data = output.get("data", {})
        if "image/png" in data:
            path = image_dir / f"{stem}-{len(done.images) + 1}.png"
            path.write_bytes(base64.b64decode(data["image/png"]))
            done.outputs.append(path)
        elif "text/plain" in data:
            done.outputs.append(data["text/plain"])
    return done


def render(
    source: Path, image_dir: Path, image_uri: Callable[[Path], str] = str
) -> tuple[str, list[ExecutedCell]]:
    """Run the notebook ``source``; return its page (rst) and its executed cells.

    Image files go to ``image_dir`` (emptied of this notebook's old ones
    first); ``image_uri`` turns each file's path into the rst image target.
    """
    cells = read_cells(source)
    image_dir.mkdir(parents=True, exist_ok=True)
    for old in image_dir.glob(f"{source.stem}-cell*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as workdir:  # files the cells save
        notebook = execute(cells, Path(workdir))
    outputs = iter(cell.outputs for cell in notebook.cells[1:])
    executed = []
    for number, cell in enumerate(cells, start=1):
        if cell.kind == "rst":
            executed.append(ExecutedCell(cell.kind, cell.source))
            continue
        stem = f"{source.stem}-cell{number:02d}"
        executed.append(collect_outputs(cell, next(outputs), image_dir, stem))
    return to_rst(executed, image_uri), executed


def to_rst(cells: list[ExecutedCell], image_uri: Callable[[Path], str] = str) -> str:
    """The page: rst cells as they are, code in blocks, outputs below their code."""
    blocks = []
    for cell in cells:
        if cell.kind == "rst":
            blocks.append(cell.source)
            continue
        blocks.append(_literal("python", cell.source))
        for out in cell.outputs:
            if isinstance(out, Path):
                blocks.append(f".. image:: {image_uri(out)}\n   :alt: {out.stem}")
            else:
                blocks.append(_literal("none", out.rstrip("\n")))
    return "\n\n".join(blocks) + "\n"


def _literal(language: str, text: str) -> str:
    indented = "\n".join(f"   {line}" if line else "" for line in text.splitlines())
    return f".. code-block:: {language}\n\n{indented}"


def _sphinx_directive():
    """The ``executed-notebook`` directive (built lazily: tests need no Sphinx)."""
    from docutils import nodes
    from docutils.statemachine import StringList
    from sphinx.errors import ExtensionError
    from sphinx.util.docutils import SphinxDirective
    from sphinx.util.nodes import nested_parse_with_titles

    class ExecutedNotebook(SphinxDirective):
        required_arguments = 1

        def run(self) -> list:
            relative, source = self.env.relfn2path(self.arguments[0])
            source = Path(source)
            srcdir = Path(self.env.srcdir)
            image_dir = srcdir / GENERATED / source.stem
            self.env.note_dependency(relative)
            try:  # images are named from the docs source root: "/_generated/..."
                rst, _ = render(
                    source, image_dir, lambda path: f"/{path.relative_to(srcdir)}"
                )
            except NotebookError as error:
                raise ExtensionError(f"{relative}: {error}") from error
            _ignore_generated(srcdir / GENERATED)
            holder = nodes.Element()
            holder.document = self.state.document
            lines = StringList(rst.splitlines(), source=str(source))
            nested_parse_with_titles(self.state, lines, holder)
            return holder.children

    return ExecutedNotebook


def _ignore_generated(folder: Path) -> None:
    """Keep the generated images out of git without touching the repo's .gitignore."""
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")


def setup(app) -> dict:
    app.add_directive("executed-notebook", _sphinx_directive())
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
