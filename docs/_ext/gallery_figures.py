"""Render the gallery for the docs, and write the pages that show its figures.

A Sphinx extension (listed in ``conf.py``). When the builder starts, before
Sphinx looks for source files, it

1. runs every ``gallery/plot_*.py`` example with
   :func:`vizkit.gallery.run_gallery` into ``docs/api/generated/gallery/``
   (gitignored), a few examples at a time in worker processes; an example
   that fails stops the build, naming it;
2. writes the generated pages (``docs/apigen.py``: the API reference, the
   family pages and the gallery listing), which embed those PNGs.

Rendering takes about a minute, so it is skipped when it cannot change
anything:

* ``VIZKIT_DOCS_GALLERY=DIR`` copies the PNGs of a folder already rendered
  by ``vizkit gallery --out DIR`` instead of running the examples;
* otherwise, a folder rendered from the same examples, the same vizkit
  sources and the same library versions (a hash kept in ``STAMP``) is
  reused as it is.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from multiprocessing import get_context
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent
ROOT = DOCS.parent
GALLERY_SOURCES = ROOT / "gallery"
#: Where the figures go: inside the source tree, so pages can embed them.
FIGURES = DOCS / "api" / "generated" / "gallery"
STAMP = "STAMP"
ENV_VAR = "VIZKIT_DOCS_GALLERY"
#: The libraries the figures depend on: a new version renders them again.
LIBRARIES = ("numpy", "scipy", "scikit-learn", "matplotlib", "seaborn", "pandas",
             "dtreeviz", "umap-learn", "shap", "joblib")  # fmt: skip
#: At most this many examples run at once (each in its own process).
MAX_JOBS = 4


class GalleryFailed(RuntimeError):
    """A gallery example raised: the docs would miss its figure."""


# -- which figures each example drew --------------------------------------------


def figures_of(folder: Path, examples: list[Path]) -> dict[str, list[Path]]:
    """Each example's PNGs in ``folder`` (``<stem>_<n>.png``), by file name."""
    figures = {}
    for example in examples:
        found = [
            (int(number), path)
            for path in folder.glob(f"{example.stem}_*.png")
            for stem, _, number in [path.stem.rpartition("_")]
            if stem == example.stem and number.isdigit()  # not plot_a_b_1 for plot_a
        ]
        figures[example.name] = [path for _, path in sorted(found)]
    return figures


def check_every_example_drew(figures: dict[str, list[Path]], where: Path) -> None:
    """Raise if an example has no figure (every visualizer needs a picture)."""
    empty = sorted(name for name, images in figures.items() if not images)
    if empty:
        raise GalleryFailed(
            f"no figure of {', '.join(empty)} in {where}: each gallery example "
            "must draw at least one figure (render the gallery again, or fix "
            "the example)."
        )


# -- the stamp: when a rendered folder is still valid -------------------------------


def sources_hash(examples: list[Path]) -> str:
    """A hash of what the figures depend on: examples, vizkit, library versions."""
    digest = hashlib.sha256(sys.version.encode())
    for package in LIBRARIES:
        digest.update(f"{package}=={installed_version(package)}".encode())
    for path in sorted([*examples, *(ROOT / "vizkit").rglob("*.py")]):
        digest.update(os.path.relpath(path, ROOT).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def installed_version(package: str) -> str:
    """The installed version of a distribution, or "absent"."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def is_current(folder: Path, stamp: str) -> bool:
    """Whether ``folder`` was fully rendered from the same sources."""
    path = folder / STAMP
    return path.is_file() and path.read_text(encoding="utf-8").strip() == stamp


# -- rendering ----------------------------------------------------------------------


def render_one(example: Path, out: Path):
    """Run one example into its own folder (a worker process's task)."""
    from joblib.externals.loky import get_reusable_executor

    from vizkit.gallery import run_gallery

    (result,) = run_gallery([example], out / example.stem)
    # An example with n_jobs leaves joblib's worker pool idling for 5
    # minutes, and this process cannot exit before it stops: stop it now.
    get_reusable_executor().shutdown(wait=True, kill_workers=True)
    return result


def failure_report(results) -> str:
    """Each failed example's name and the last line of its traceback."""
    lines = []
    for result in results:
        if not result.ok:
            last = (result.error or "").strip().splitlines()[-1:] or ["error"]
            lines.append(f"  {result.name}: {last[0]}")
    return "\n".join(lines)


def render(examples: list[Path], out: Path, log=print) -> None:
    """Run the examples into ``out`` (replaced only if all of them succeed)."""
    work = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    shutil.rmtree(work, ignore_errors=True)
    jobs = max(1, min(MAX_JOBS, os.cpu_count() or 1, len(examples)))
    log(f"vizkit: rendering {len(examples)} gallery examples ({jobs} processes)")
    # spawn, not fork: Sphinx's process holds threads and matplotlib state.
    with ProcessPoolExecutor(jobs, mp_context=get_context("spawn")) as pool:
        results = list(pool.map(render_one, examples, [work] * len(examples)))
    failed = failure_report(results)
    if failed:
        shutil.rmtree(work, ignore_errors=True)
        raise GalleryFailed(f"gallery examples failed:\n{failed}")
    flat = work / "figures"
    flat.mkdir()
    for result in results:
        for image in result.images:
            shutil.move(str(image), flat / image.name)
    replace_folder(flat, out)
    shutil.rmtree(work, ignore_errors=True)


def replace_folder(new: Path, old: Path) -> None:
    """Put ``new`` where ``old`` is, with the old folder gone."""
    trash = old.with_name(f".{old.name}.{os.getpid()}.old")
    if old.exists():
        os.replace(old, trash)
    os.replace(new, old)
    shutil.rmtree(trash, ignore_errors=True)


def copy_rendered(source: Path, examples: list[Path], out: Path) -> None:
    """Copy the examples' PNGs from a folder ``vizkit gallery`` wrote."""
    if not source.is_dir():
        raise GalleryFailed(
            f"{ENV_VAR}={source} is not a folder; render one with "
            f"`vizkit gallery --out {source}` or unset {ENV_VAR}."
        )
    figures = figures_of(source, examples)
    check_every_example_drew(figures, source)
    work = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for images in figures.values():
        for image in images:
            shutil.copy2(image, work / image.name)
    replace_folder(work, out)


def gallery_figures(out: Path = FIGURES, log=print) -> dict[str, list[Path]]:
    """The gallery's figures, by example file name: rendered, reused or copied."""
    from vizkit.gallery import find_examples

    examples = find_examples(GALLERY_SOURCES)
    out.parent.mkdir(parents=True, exist_ok=True)
    reuse = os.environ.get(ENV_VAR)
    if reuse:
        log(f"vizkit: using the gallery figures of {reuse} ({ENV_VAR})")
        copy_rendered(Path(reuse), examples, out)
        return figures_of(out, examples)
    stamp = sources_hash(examples)
    if not is_current(out, stamp):
        render(examples, out, log)
        (out / STAMP).write_text(stamp + "\n", encoding="utf-8")
    figures = figures_of(out, examples)
    check_every_example_drew(figures, out)
    return figures


# -- the Sphinx side ------------------------------------------------------------------


def generate_pages(app) -> None:
    """builder-inited: render the figures, then write the pages embedding them."""
    import apigen
    from sphinx.errors import ExtensionError
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    try:
        figures = gallery_figures(log=logger.info)
    except GalleryFailed as error:
        raise ExtensionError(str(error)) from None
    apigen.generate(figures=figures)


def setup(app):
    app.connect("builder-inited", generate_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
