"""The gallery's ``index.html``: every example, grouped by family.

The page is self-contained plain HTML and CSS (no script, no external
resource). It opens with a navigation list (each family, each example) and
then has one section per family, in :data:`vizkit.registry.FAMILY_TITLES`
order, with the examples that use no registered visualizer under "Other".
Each example shows its title, the reading paragraph of its docstring, its
thumbnails (each linking to the full-size PNG) beside its source code, the
visualizers it uses, a link to a copy of the script and, if it failed, its
traceback. Every text taken from an example is HTML-escaped.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from vizkit.gallery import ExampleResult, example_docstring, example_visualizers
from vizkit.registry import FAMILY_TITLES

#: Width in pixels of the thumbnails (never enlarged).
THUMB_WIDTH = 320
#: Folder of the thumbnails, inside the gallery's output folder.
THUMB_DIR = "thumbs"
#: The section of the examples that use no registered visualizer.
OTHER = "other"
OTHER_TITLE = "Other: examples without a registered visualizer"


# -- files written beside the page ---------------------------------------------------


def write_thumbnail(png: Path, out_dir: Path) -> Path:
    """Write ``thumbs/<png name>``, at most :data:`THUMB_WIDTH` pixels wide."""
    from PIL import Image  # matplotlib depends on Pillow

    target = out_dir / THUMB_DIR / png.name
    target.parent.mkdir(exist_ok=True)
    with Image.open(png) as image:
        # thumbnail() keeps the aspect ratio and never enlarges.
        image.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 20))
        # Flattened on white: smoothed RGBA compresses worse than the figure.
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A") if image.mode == "RGBA" else None)
        flat.save(target, optimize=True)
    return target


def copy_source(script: Path, out_dir: Path) -> Path:
    """Copy the example script into ``out_dir`` (a no-op if it is already there)."""
    target = out_dir / script.name
    if target.resolve() != script.resolve():
        shutil.copyfile(script, target)
    return target


# -- what the page says about an example --------------------------------------------


def example_reading(path: Path) -> list[str]:
    """The paragraphs of the docstring after its title line (read, not run)."""
    paragraphs = re.split(r"\n\s*\n", example_docstring(path)[1])
    return [" ".join(p.split()) for p in paragraphs if p.strip()]


def family_sections(results: Iterable[ExampleResult]) -> dict[str, list[ExampleResult]]:
    """The examples of each family, in registry order, "other" last; no empty one."""
    by_family: dict[str, list[ExampleResult]] = {}
    for result in results:
        used = example_visualizers(result.path)
        by_family.setdefault(used[0].family if used else OTHER, []).append(result)
    order = [*FAMILY_TITLES, OTHER]
    return {family: by_family[family] for family in order if family in by_family}


def family_title(family: str) -> str:
    return OTHER_TITLE if family == OTHER else FAMILY_TITLES[family]


def anchor(text: str) -> str:
    """An HTML id made of letters, digits, ``-`` and ``_``."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text)


def family_anchor(family: str) -> str:
    return "family-" + anchor(family)


def href(path: Path, out_dir: Path) -> str:
    """The escaped relative URL of a file inside ``out_dir``."""
    return html.escape(path.relative_to(out_dir).as_posix(), quote=True)


def inline_code(text: str) -> str:
    """Escape ``text`` and show its ````literals```` as ``<code>``."""
    return re.sub(r"``(.+?)``", r"<code>\1</code>", html.escape(text))


# -- the HTML ----------------------------------------------------------------------


def navigation(sections: dict[str, list[ExampleResult]]) -> str:
    """The list at the top: each family and, below it, each of its examples."""
    items = []
    for family, results in sections.items():
        heading = html.escape(family_title(family).partition(":")[0])
        links = "".join(
            f'<li><a href="#{anchor(r.path.stem)}">{html.escape(r.title)}</a></li>'
            for r in results
        )
        items.append(
            f'<li><a class="family" href="#{family_anchor(family)}">{heading}</a>'
            f"<ul>{links}</ul></li>"
        )
    return f'<nav><ul class="families">{"".join(items)}</ul></nav>'


def figures_html(result: ExampleResult, out_dir: Path) -> str:
    """Each thumbnail, linking to its full-size PNG; the traceback if it failed."""
    parts = []
    title = html.escape(result.title, quote=True)
    for number, png in enumerate(result.images, start=1):
        thumb = write_thumbnail(png, out_dir)
        parts.append(
            f'<a href="{href(png, out_dir)}"><img src="{href(thumb, out_dir)}" '
            f'alt="{title}, figure {number}" title="full size"></a>'
        )
    if not result.ok:
        error = html.escape(result.error or "")
        parts.append(f'<pre class="traceback">{error}</pre>')
    return f'<div class="figures">{"".join(parts)}</div>'


def example_html(result: ExampleResult, out_dir: Path) -> str:
    """One example: title, reading, figures beside the source, facts line."""
    source = copy_source(result.path, out_dir)
    code = html.escape(result.path.read_text(encoding="utf-8"))
    names = ", ".join(
        f"<code>{html.escape(d.cls.__name__)}</code>"
        for d in example_visualizers(result.path)
    )
    status = "" if result.ok else ' <span class="badge">failed</span>'
    reading = "".join(f"<p>{inline_code(p)}</p>" for p in example_reading(result.path))
    facts = [f'<a href="{href(source, out_dir)}">{html.escape(result.name)}</a>']
    if names:
        facts.append(f"uses {names}")
    facts.append(f"{result.seconds:.1f} s")
    return (
        f'<article class="example{"" if result.ok else " failed"}" '
        f'id="{anchor(result.path.stem)}">'
        f"<h3>{html.escape(result.title)}{status}</h3>"
        f'<p class="facts">{" · ".join(facts)}</p>{reading}'
        f'<div class="body">{figures_html(result, out_dir)}'
        f'<pre class="source"><code>{code}</code></pre></div></article>'
    )


def section_html(family: str, results: list[ExampleResult], out_dir: Path) -> str:
    heading, _, subtitle = family_title(family).partition(":")
    examples = "".join(example_html(result, out_dir) for result in results)
    return (
        f'<section id="{family_anchor(family)}"><h2>{html.escape(heading)}</h2>'
        f'<p class="subtitle">{html.escape(subtitle.strip())}</p>{examples}'
        f'<p class="top"><a href="#top">back to top</a></p></section>'
    )


def summary(results: list[ExampleResult]) -> str:
    failed = sum(not result.ok for result in results)
    figures = sum(len(result.images) for result in results)
    return f"{len(results)} examples, {figures} figures, {failed} failed."


_CSS = """
body { font: 15px/1.5 system-ui, sans-serif; color: #222; margin: 0 auto;
  padding: 1.5em 2em; max-width: 1500px; }
h1 { margin-bottom: 0.2em; }
h2 { border-bottom: 2px solid #2a6ebb; padding-bottom: 0.2em; margin-top: 2em; }
h3 { margin: 0 0 0.3em; }
a { color: #1d5aa0; }
code { font: 0.9em/1.4 ui-monospace, monospace; }
nav ul { list-style: none; padding-left: 0; margin: 0; }
nav .families { columns: 20em; column-gap: 2em; }
nav .families > li { break-inside: avoid; margin-bottom: 1em; }
nav .family { font-weight: 600; }
nav li li { font-size: 0.85em; padding-left: 0.8em; }
.subtitle { color: #555; margin-top: 0; }
.example { border: 1px solid #ddd; border-radius: 6px; padding: 1em 1.2em;
  margin: 1.2em 0; background: #fff; }
.example.failed { border-color: #c33; }
.facts { color: #555; font-size: 0.9em; margin: 0 0 0.5em; }
.example > p { max-width: 80em; }
/* Figures take the width of their thumbnails (at most half), source the rest. */
.body { display: grid; grid-template-columns: fit-content(50%) minmax(0, 1fr);
  gap: 1.2em; align-items: start; }
.figures { display: flex; flex-wrap: wrap; gap: 0.6em; align-content: flex-start; }
.figures img { width: 320px; max-width: 100%; height: auto; display: block;
  border: 1px solid #ddd; }
pre { margin: 0; padding: 0.8em; overflow: auto; border-radius: 4px;
  font-size: 0.8em; line-height: 1.4; }
pre.source { background: #f6f8fa; max-height: 36em; }
pre.traceback { background: #fff0f0; color: #900; white-space: pre-wrap;
  width: 100%; }
.badge { background: #c33; color: #fff; font-size: 0.7em; padding: 0.1em 0.5em;
  border-radius: 3px; vertical-align: middle; }
.top { text-align: right; font-size: 0.85em; }
@media (max-width: 900px) {
  body { padding: 1em; }
  .body { grid-template-columns: minmax(0, 1fr); }
}
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>vizkit gallery</title>
<style>{css}</style>
</head>
<body>
<h1 id="top">vizkit gallery</h1>
<p>{summary} Click a figure for its full size; each script runs as it is
with <code>python</code>.</p>
{nav}
{sections}
</body>
</html>
"""


def write_index_page(results: list[ExampleResult], out_dir: Path) -> Path:
    """Write ``index.html`` with its thumbnails and script copies into ``out_dir``."""
    out = Path(out_dir).resolve()  # the runner's image paths are resolved
    sections = family_sections(results)
    body = "\n".join(
        section_html(family, members, out) for family, members in sections.items()
    )
    page = _PAGE.format(
        css=_CSS, summary=summary(results), nav=navigation(sections), sections=body
    )
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
