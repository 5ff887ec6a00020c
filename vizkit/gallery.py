"""Run the ``gallery/plot_*.py`` examples and collect their figures.

Each example runs in a fresh namespace (:func:`runpy.run_path`) on the Agg
backend, inside the output directory, with every figure closed before and
after it. Every figure the example leaves open, or saves, becomes one PNG
named ``<example>_<n>.png``; ``index.html`` shows them all, grouped by family,
each example with its title (the first line of its module docstring) and its
source (:mod:`vizkit.gallery_page`).

The runner is importable: :func:`run_gallery` returns one
:class:`ExampleResult` per example and raises nothing for a failing example.
"""

from __future__ import annotations

import ast
import contextlib
import fnmatch
import io
import os
import runpy
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

#: File names of gallery examples.
EXAMPLE_GLOB = "plot_*.py"
#: Resolution of the saved PNGs.
DPI = 100


class GalleryNotFound(FileNotFoundError):
    """No gallery folder: vizkit is installed without its source checkout."""


@dataclass
class ExampleResult:
    """What running one example produced.

    Attributes
    ----------
    path : Path
        The example script.
    title : str
        The first line of its module docstring (the file stem without one).
    ok : bool
        Whether it ran to the end without an exception.
    seconds : float
        Wall time of the run, saving the figures included.
    images : list of Path
        The PNG written for each of its figures, in order.
    error : str or None
        The traceback, limited to the example's own frames, if it failed.
    output : str
        What it printed to stdout.
    """

    path: Path
    title: str
    ok: bool = False
    seconds: float = 0.0
    images: list[Path] = field(default_factory=list)
    error: str | None = None
    output: str = ""

    @property
    def name(self) -> str:
        """The example's file name, e.g. ``plot_rocauc.py``."""
        return self.path.name

    def summary(self) -> str:
        """``ok (1.2 s, 1 figure)`` or ``FAILED (0.3 s): ValueError``."""
        if not self.ok:
            last = (self.error or "").strip().splitlines()[-1:] or ["error"]
            return f"FAILED ({self.seconds:.1f} s): {last[0]}"
        count = len(self.images)
        figures = f"{count} figure" + ("" if count == 1 else "s")
        return f"ok ({self.seconds:.1f} s, {figures})"


# -- finding the examples ----------------------------------------------------------


def find_gallery_dir(gallery_dir: str | os.PathLike | None = None) -> Path:
    """The folder of examples: ``gallery_dir``, or the source checkout's.

    Without ``gallery_dir``, look for ``gallery/`` at the root of the checkout
    vizkit is imported from, then in the current directory.

    Raises
    ------
    GalleryNotFound
        If the folder does not exist.
    """
    if gallery_dir is not None:
        path = Path(gallery_dir)
        if not path.is_dir():
            raise GalleryNotFound(f"gallery folder {str(path)!r} does not exist.")
        return path
    checkout = Path(__file__).resolve().parent.parent / "gallery"
    for candidate in (checkout, Path.cwd() / "gallery"):
        if candidate.is_dir() and any(candidate.glob(EXAMPLE_GLOB)):
            return candidate
    raise GalleryNotFound(
        "no gallery folder found: the examples live in the gallery/ folder of "
        "vizkit's source checkout, which a regular (non-editable) install does "
        "not include. Clone the repository and run from it, install it with "
        "`pip install -e .`, or pass --gallery-dir PATH."
    )


def matches(name: str, pattern: str | None) -> bool:
    """Whether file ``name`` matches ``pattern``: a glob, else a substring."""
    if not pattern:
        return True
    if any(char in pattern for char in "*?["):
        return fnmatch.fnmatch(name, pattern)
    return pattern in name


def find_examples(gallery_dir: Path, only: str | None = None) -> list[Path]:
    """The ``plot_*.py`` scripts of ``gallery_dir`` matching ``only``, sorted."""
    paths = sorted(Path(gallery_dir).glob(EXAMPLE_GLOB))
    return [path for path in paths if matches(path.name, only)]


def example_docstring(path: Path) -> tuple[str, str]:
    """The title line and the rest of the script's module docstring (read, not run).

    The title falls back to the file stem when the script has no docstring
    or cannot be read; the rest is then empty.
    """
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
        doc = ast.get_docstring(tree) or ""
    except (OSError, SyntaxError, UnicodeDecodeError):
        doc = ""
    title, _, body = doc.strip().partition("\n")
    return (title.strip() or Path(path).stem), body.strip()


def example_title(path: Path) -> str:
    """The first line of the script's module docstring (read, not run)."""
    return example_docstring(path)[0]


def imported_vizkit_objects(path: Path) -> list[object]:
    """The objects the script imports from vizkit, in import order (read, not run)."""
    from importlib import import_module

    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return []
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.level:
            continue
        module = node.module or ""
        if module != "vizkit" and not module.startswith("vizkit."):
            continue
        try:
            namespace = import_module(module)
        except ImportError:
            continue
        found += [getattr(namespace, alias.name, None) for alias in node.names]
    return [obj for obj in found if obj is not None]


def example_visualizers(path: Path) -> list:
    """The registered visualizers an example uses, as registry declarations.

    A class or its quick method imported from vizkit counts (aliases such as
    ``RadViz`` resolve to their class); order is first use, no repeats.
    """
    from vizkit.registry import declarations

    by_object = {}
    for declaration in declarations():
        by_object[id(declaration.cls)] = declaration
        by_object[id(declaration.quick)] = declaration
    used: list = []
    for obj in imported_vizkit_objects(path):
        found = by_object.get(id(obj))
        if found is not None and found not in used:
            used.append(found)
    return used


def example_family(path: Path) -> str | None:
    """The family of the first visualizer the example uses (None if it uses none)."""
    used = example_visualizers(path)
    return used[0].family if used else None


# -- running one example -------------------------------------------------------------


@contextlib.contextmanager
def agg_backend() -> Iterator[None]:
    """Switch pyplot to Agg for the block, then back to the previous backend."""
    import matplotlib
    import matplotlib.pyplot as plt

    previous = matplotlib.get_backend()
    plt.switch_backend("Agg")
    try:
        yield
    finally:
        with contextlib.suppress(Exception):  # a GUI backend may be unavailable
            plt.switch_backend(previous)


@contextlib.contextmanager
def recording_saves(saved: list) -> Iterator[None]:
    """Record, in ``saved``, every figure whose ``savefig`` runs in the block."""
    from matplotlib.figure import Figure

    original = Figure.savefig

    def savefig(fig, *args, **kwargs):
        if not any(fig is seen for seen in saved):
            saved.append(fig)
        return original(fig, *args, **kwargs)

    Figure.savefig = savefig  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        Figure.savefig = original  # type: ignore[method-assign]


@contextlib.contextmanager
def script_context(path: Path, workdir: Path) -> Iterator[None]:
    """Run as ``python path`` would: ``sys.argv`` and the working directory."""
    argv, cwd = sys.argv, Path.cwd()
    sys.argv = [str(path)]
    os.chdir(workdir)
    try:
        yield
    finally:
        sys.argv = argv
        os.chdir(cwd)


def example_traceback(error: BaseException, path: Path) -> str:
    """The traceback from the example's first frame on (runner frames dropped)."""
    tb = error.__traceback__
    target = str(Path(path).resolve())
    while tb is not None and str(Path(tb.tb_frame.f_code.co_filename)) != target:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(error), error, tb))


def run_example(path: Path, out_dir: Path) -> ExampleResult:
    """Run one example and write a PNG of each figure it saved or left open."""
    import matplotlib.pyplot as plt

    path = Path(path).resolve()
    result = ExampleResult(path=path, title=example_title(path))
    saved: list = []
    stdout = io.StringIO()
    plt.close("all")
    start = time.perf_counter()
    try:
        with recording_saves(saved), contextlib.redirect_stdout(stdout):
            with script_context(path, out_dir):
                runpy.run_path(str(path), run_name="__main__")
        result.images = save_figures(saved, path.stem, out_dir)
        result.ok = True
    except (Exception, SystemExit) as error:
        if isinstance(error, SystemExit) and error.code in (None, 0):
            result.images = save_figures(saved, path.stem, out_dir)
            result.ok = True
        else:
            result.error = example_traceback(error, path)
    finally:
        plt.close("all")
        result.seconds = time.perf_counter() - start
        result.output = stdout.getvalue()
    return result


def save_figures(saved: list, stem: str, out_dir: Path) -> list[Path]:
    """Write the saved and the still-open figures, in creation order, as PNGs."""
    import matplotlib.pyplot as plt

    figures = list(saved)
    for number in plt.get_fignums():
        figure = plt.figure(number)
        if not any(figure is seen for seen in figures):
            figures.append(figure)
    # pyplot numbers figures in creation order; unnumbered ones come last.
    figures.sort(key=lambda fig: getattr(fig, "number", None) or sys.maxsize)
    paths = []
    for index, figure in enumerate(figures, start=1):
        target = Path(out_dir) / f"{stem}_{index}.png"
        figure.savefig(target, dpi=DPI, bbox_inches="tight")
        paths.append(target)
    return paths


# -- the whole gallery ---------------------------------------------------------------


def run_gallery(
    examples: list[Path],
    out_dir: str | os.PathLike,
    progress: Callable[[int, int, ExampleResult], None] | None = None,
) -> list[ExampleResult]:
    """Run every example into ``out_dir`` and write ``index.html`` there.

    ``progress(index, total, result)`` is called after each example. A
    failing example does not stop the others: its result has ``ok=False``.
    """
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    results = []
    with agg_backend():
        for index, path in enumerate(examples, start=1):
            result = run_example(path, out)
            results.append(result)
            if progress is not None:
                progress(index, len(examples), result)
    write_index(results, out)
    return results


def write_index(results: list[ExampleResult], out_dir: str | os.PathLike) -> Path:
    """Write ``index.html``, its thumbnails and copies of the scripts to ``out_dir``.

    The page groups the examples by family and shows each one's figures
    beside its source (see :mod:`vizkit.gallery_page`).
    """
    from vizkit.gallery_page import write_index_page  # it imports this module

    return write_index_page(results, Path(out_dir))
