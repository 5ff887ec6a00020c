"""The gallery runner and the ``vizkit gallery`` command.

The whole gallery runs once (module fixture) through the importable runner;
the command's behaviour (exit codes, --only, failures) is checked on small
examples written to tmp_path.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import textwrap
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import matplotlib.image as mpimg
import numpy as np
import pytest
from PIL import Image

from tests.browser import serve_folder
from vizkit import gallery as gallery_module
from vizkit.cli import main
from vizkit.gallery import (
    example_family,
    example_title,
    find_examples,
    find_gallery_dir,
    matches,
    run_gallery,
)
from vizkit.gallery_page import OTHER, THUMB_WIDTH, family_anchor
from vizkit.registry import FAMILY_TITLES

# Under pytest-xdist, one worker runs this module, so the gallery is built once.
pytestmark = pytest.mark.xdist_group("test_gallery")

GALLERY = Path(__file__).resolve().parent.parent / "gallery"
REQUIRED = [
    "plot_confusion_matrix.py",
    "plot_rocauc.py",
    "plot_residuals.py",
    "plot_pca.py",
    "plot_class_balance.py",
    "plot_large_data.py",
]

GOOD = '''
"""A good example

It draws a line.
"""
import matplotlib.pyplot as plt

fig, ax = plt.subplots()
ax.plot([0, 1, 2], [2, 0, 1])
'''

BROKEN = '''
"""A broken example"""
def helper():
    raise ValueError("this example is broken")

helper()
'''

SAVES = '''
"""Saves and closes its figure"""
import matplotlib.pyplot as plt

fig, ax = plt.subplots()
ax.bar([0, 1, 2], [3, 1, 2])
fig.savefig("own_copy.png")
plt.close(fig)
'''


def write_gallery(folder: Path, **scripts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in scripts.items():
        (folder / f"{name}.py").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def is_blank(png: Path) -> bool:
    """A single flat colour: no drawing at all."""
    return float(np.var(mpimg.imread(png)[..., :3])) < 1e-4


# -- the real gallery --------------------------------------------------------------


@pytest.fixture(scope="module")
def gallery_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("gallery_out")
    results = run_gallery(find_examples(GALLERY), out)
    return out, results


def test_gallery_has_the_required_examples():
    names = [path.name for path in find_examples(GALLERY)]
    assert set(REQUIRED) <= set(names)


def test_every_example_succeeds(gallery_run):
    _, results = gallery_run
    failures = {r.name: r.error for r in results if not r.ok}
    assert not failures, "\n".join(f"{k}:\n{v}" for k, v in failures.items())
    assert [r.name for r in results] == [p.name for p in find_examples(GALLERY)]


def test_every_example_draws_non_blank_pngs(gallery_run):
    _, results = gallery_run
    for result in results:
        assert result.images, f"{result.name} produced no figure"
        for png in result.images:
            assert png.name.startswith(result.path.stem + "_")
            assert not is_blank(png), f"{png.name} is blank"


def test_examples_have_titles(gallery_run):
    _, results = gallery_run
    for result in results:
        assert result.title != result.path.stem, f"{result.name} has no docstring"
        assert len(result.title) < 100


def test_index_links_every_png(gallery_run):
    out, results = gallery_run
    index = (out / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'<a href="([^"]+\.png)"', index))
    pngs = {png.name for result in results for png in result.images}
    assert links == pngs
    assert all((out / link).is_file() for link in links)
    for result in results:
        assert html.escape(result.title) in index


def test_large_data_example_is_fast(gallery_run):
    _, results = gallery_run
    (large,) = [r for r in results if r.name == "plot_large_data.py"]
    assert large.seconds < 30


# -- the index page ------------------------------------------------------------------


class IndexParser(HTMLParser):
    """The structure of the gallery page: sections, examples and the nav links."""

    CAPTURED = {"h2", "h3", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[dict] = []
        self.examples: list[dict] = []
        self.nav_links: list[str] = []
        self._in_nav = False
        self._href: str | None = None
        self._target: tuple[dict, str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # A title ends at its first child tag (the badge); a source is in <code>.
        if not (tag == "code" and self._target and self._target[1] == "pre.source"):
            self._target = None
        if tag == "nav":
            self._in_nav = True
        elif tag == "section":
            self.sections.append({"id": attrs["id"], "h2": ""})
        elif tag == "article":
            self.examples.append(
                {"id": attrs["id"], "section": self.sections[-1]["id"], "h3": "",
                 "pre.source": "", "pre.traceback": "",
                 "figures": [], "links": []}
            )  # fmt: skip
        elif tag == "a":
            self._href = attrs["href"]
            if self._in_nav:
                self.nav_links.append(self._href)
            elif self.examples:
                self.examples[-1]["links"].append(self._href)
        elif tag == "img":
            self.examples[-1]["figures"].append((self._href, attrs["src"]))
        elif tag in self.CAPTURED:
            self._capture(tag, attrs)

    def _capture(self, tag, attrs):
        key = tag if tag != "pre" else f"pre.{attrs.get('class')}"
        owner = self.examples[-1] if tag != "h2" else self.sections[-1]
        if key in owner:
            self._target = (owner, key)

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_nav = False
        elif tag == "a":
            self._href = None
        if tag in self.CAPTURED:
            self._target = None

    def handle_data(self, data):
        if self._target is not None:
            owner, key = self._target
            owner[key] += data

    def example(self, stem: str) -> dict:
        (found,) = [e for e in self.examples if e["id"] == stem]
        return found


def parse_index(out: Path) -> IndexParser:
    parser = IndexParser()
    parser.feed((out / "index.html").read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def index(gallery_run):
    out, _ = gallery_run
    return parse_index(out)


def test_index_groups_examples_by_family_in_registry_order(gallery_run, index):
    _, results = gallery_run
    family = {r.path.stem: example_family(r.path) or OTHER for r in results}
    expected = [name for name in [*FAMILY_TITLES, OTHER] if name in family.values()]
    assert len(expected) >= 10  # the real gallery shows (nearly) every family
    assert [s["id"] for s in index.sections] == [family_anchor(f) for f in expected]
    assert [s["h2"] for s in index.sections] == [
        FAMILY_TITLES[name].partition(":")[0] for name in expected
    ]
    for section, name in zip(index.sections, expected, strict=True):
        members = [e["id"] for e in index.examples if e["section"] == section["id"]]
        assert members == [r.path.stem for r in results if family[r.path.stem] == name]


def test_every_example_appears_once_with_its_title(gallery_run, index):
    _, results = gallery_run
    counts = Counter(example["id"] for example in index.examples)
    assert counts == Counter(r.path.stem for r in results)
    for result in results:
        assert index.example(result.path.stem)["h3"] == result.title


def test_navigation_links_every_family_and_example(gallery_run, index):
    _, results = gallery_run
    targets = [s["id"] for s in index.sections]
    for section in targets:
        targets += [e["id"] for e in index.examples if e["section"] == section]
    assert sorted(index.nav_links) == sorted(f"#{target}" for target in targets)


def test_thumbnails_are_small_copies_linking_to_the_figures(gallery_run, index):
    out, results = gallery_run
    full_bytes = thumb_bytes = 0
    for result in results:
        expected = [(png.name, f"thumbs/{png.name}") for png in result.images]
        assert index.example(result.path.stem)["figures"] == expected
        for png in result.images:
            thumb = out / "thumbs" / png.name
            with Image.open(png) as full, Image.open(thumb) as small:
                assert small.width == min(THUMB_WIDTH, full.width) < full.width
                assert small.height == pytest.approx(
                    full.height * small.width / full.width, abs=1
                )
            full_bytes += png.stat().st_size
            thumb_bytes += thumb.stat().st_size
    assert thumb_bytes < 0.6 * full_bytes


def test_each_example_shows_its_source_and_links_a_copy(gallery_run, index):
    out, results = gallery_run
    for result in results:
        example = index.example(result.path.stem)
        assert example["pre.source"] == result.path.read_text(encoding="utf-8")
        assert (out / result.name).read_bytes() == result.path.read_bytes()
        assert result.name in example["links"]
        assert example["pre.traceback"] == ""


MARKUP = '''
"""Tags <b>& "quotes" in a title

The reading says ``x < y`` & more.
"""
from vizkit.target import ClassBalance

ClassBalance().fit([0, 1, 1]).show()  # <script>alert(1)</script>
'''


def test_index_escapes_text_and_shows_failures(tmp_path):
    folder = write_gallery(
        tmp_path / "g", plot_markup=MARKUP, plot_good=GOOD, plot_broken=BROKEN
    )
    out = tmp_path / "out"
    run_gallery(find_examples(folder), out)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>" not in page
    assert "<code>x &lt; y</code> &amp; more" in page
    index = parse_index(out)
    # The target family first (registry order), the examples without one last.
    assert [s["id"] for s in index.sections] == ["family-target", "family-other"]
    assert index.example("plot_markup")["h3"] == 'Tags <b>& "quotes" in a title'
    assert index.example("plot_markup")["section"] == "family-target"
    assert "ClassBalance().fit" in index.example("plot_markup")["pre.source"]
    broken = index.example("plot_broken")
    assert broken["section"] == "family-other"
    assert "ValueError: this example is broken" in broken["pre.traceback"]
    assert broken["figures"] == []
    assert 'class="badge">failed</span>' in page


# -- in a real browser -----------------------------------------------------------------


def test_index_in_chromium(browser, gallery_run):
    out, results = gallery_run
    report = browser.check(out)
    assert report.title == "vizkit gallery"
    assert report.broken_images == []
    assert report.broken_links == []
    assert report.console_errors == []
    thumbs = [
        src for example in parse_index(out).examples for _, src in example["figures"]
    ]
    assert report.images == thumbs  # in page order (by family)
    assert len(report.images) == sum(len(r.images) for r in results)
    assert {png.name for r in results for png in r.images} <= set(report.links)
    assert {r.name for r in results} <= set(report.links)
    assert all(r.title in report.text for r in results)


_BOXES = """
const example = document.querySelector("article");
const box = (selector) => example.querySelector(selector).getBoundingClientRect();
const [figures, source] = [box(".figures"), box("pre.source")];
return {figures: [figures.left, figures.right, figures.bottom],
        source: [source.left, source.top]};
"""


def test_figures_beside_the_source_on_wide_screens_above_it_on_narrow(
    browser, gallery_run
):
    out, _ = gallery_run
    driver, size = browser.driver, browser.driver.get_window_size()
    try:
        with serve_folder(out) as base:
            driver.set_window_size(1400, 1000)
            driver.get(base + "index.html")
            wide = driver.execute_script(_BOXES)
            driver.set_window_size(600, 1000)
            narrow = driver.execute_script(_BOXES)
    finally:
        driver.set_window_size(size["width"], size["height"])
    assert wide["source"][0] >= wide["figures"][1]  # source right of figures
    assert narrow["source"][1] >= narrow["figures"][2]  # source below figures
    assert narrow["source"][0] == pytest.approx(narrow["figures"][0])


HARNESS_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Harness check</title></head>
<body><h1 id="here">Hello</h1>
<img src="ok.png" alt="loads"><img src="missing.png" alt="does not">
<a href="#here">in page</a> <a href="#nowhere">missing anchor</a>
<a href="ok.png">file</a> <a href="missing.html">missing file</a>
<a href="mailto:someone@example.org">mail</a> <a href="data:text/plain,x">data</a>
<a href="https://example.com/x">elsewhere</a>
<script>console.error("boom");</script>
</body></html>
"""


def test_browser_harness_reports_exactly_what_is_broken(browser, tmp_path):
    Image.new("RGB", (4, 3), "red").save(tmp_path / "ok.png")
    (tmp_path / "page.html").write_text(HARNESS_PAGE, encoding="utf-8")
    report = browser.check(tmp_path, "page.html")
    assert report.title == "Harness check"
    assert report.images == ["ok.png", "missing.png"]
    assert report.broken_images == ["missing.png"]
    assert len(report.links) == 7
    assert report.broken_links == ["#nowhere", "missing.html", "https://example.com/x"]
    assert report.text.startswith("Hello")
    assert len(report.console_errors) == 2  # in the order the browser logged them
    assert any("missing.png" in error for error in report.console_errors)
    assert any('"boom"' in error for error in report.console_errors)


# -- the command on small galleries -------------------------------------------------


def test_failing_example_makes_the_command_fail(tmp_path, capsys):
    folder = write_gallery(tmp_path / "g", plot_good=GOOD, plot_broken=BROKEN)
    out = tmp_path / "out"
    status = main(["gallery", "--gallery-dir", str(folder), "--out", str(out)])
    captured = capsys.readouterr()
    assert status == 1
    assert "plot_broken.py" in captured.err
    assert "1 of 2 examples failed" in captured.err
    assert "[1/2] plot_broken.py ... FAILED" in captured.out
    assert "ValueError: this example is broken" in captured.out
    assert "[2/2] plot_good.py ... ok" in captured.out
    # the failure did not stop the other example
    assert (out / "plot_good_1.png").is_file()
    assert "A broken example" in (out / "index.html").read_text(encoding="utf-8")


def test_success_exits_zero_with_progress_lines(tmp_path, capsys):
    folder = write_gallery(tmp_path / "g", plot_good=GOOD)
    status = main(["gallery", "--gallery-dir", str(folder), "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert status == 0
    assert re.search(r"\[1/1\] plot_good\.py \.\.\. ok \(\d+\.\d s, 1 figure\)", out)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [("good", ["plot_good.py"]), ("plot_b*", ["plot_broken.py"]), (None, None)],
)
def test_only_filters_examples(tmp_path, pattern, expected):
    folder = write_gallery(tmp_path / "g", plot_good=GOOD, plot_broken=BROKEN)
    names = [path.name for path in find_examples(folder, pattern)]
    assert names == (expected or ["plot_broken.py", "plot_good.py"])


def test_only_runs_the_matching_example(tmp_path, capsys):
    folder = write_gallery(tmp_path / "g", plot_good=GOOD, plot_broken=BROKEN)
    out = tmp_path / "out"
    args = ["gallery", "--gallery-dir", str(folder), "--out", str(out)]
    assert main([*args, "--only", "good"]) == 0
    assert "plot_broken" not in capsys.readouterr().out
    assert sorted(p.name for p in out.glob("*.png")) == ["plot_good_1.png"]


def test_only_matching_nothing_exits_2(tmp_path, capsys):
    folder = write_gallery(tmp_path / "g", plot_good=GOOD)
    assert main(["gallery", "--gallery-dir", str(folder), "--only", "zzz"]) == 2
    assert "no example matching 'zzz'" in capsys.readouterr().err


def test_saved_and_closed_figures_are_collected(tmp_path):
    folder = write_gallery(tmp_path / "g", plot_saves=SAVES, plot_good=GOOD)
    out = tmp_path / "out"
    cwd = Path.cwd()
    results = run_gallery(find_examples(folder), out)
    assert Path.cwd() == cwd  # the example ran in out/, and we are back
    assert [len(r.images) for r in results] == [1, 1]
    assert (out / "own_copy.png").is_file()  # the example's own savefig ran
    assert not is_blank(out / "plot_saves_1.png")


def test_missing_gallery_dir_exits_2(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    assert main(["gallery", "--gallery-dir", str(missing)]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_installed_without_checkout_says_so(tmp_path, monkeypatch, capsys):
    # vizkit imported from site-packages, run from a folder without gallery/
    fake = tmp_path / "site-packages" / "vizkit" / "gallery.py"
    monkeypatch.setattr(gallery_module, "__file__", str(fake))
    monkeypatch.chdir(tmp_path)
    assert main(["gallery"]) == 2
    err = capsys.readouterr().err
    assert "no gallery folder found" in err
    assert "--gallery-dir" in err


def test_default_gallery_dir_is_the_checkout():
    assert find_gallery_dir() == GALLERY


def test_default_out_is_gallery_out_in_cwd(tmp_path, monkeypatch):
    folder = write_gallery(tmp_path / "g", plot_good=GOOD)
    monkeypatch.chdir(tmp_path)
    assert main(["gallery", "--gallery-dir", str(folder)]) == 0
    assert (tmp_path / "gallery_out" / "index.html").is_file()
    assert (tmp_path / "gallery_out" / "plot_good_1.png").is_file()


def test_python_dash_m_vizkit(tmp_path):
    folder = write_gallery(tmp_path / "g", plot_broken=BROKEN)
    proc = subprocess.run(
        [sys.executable, "-m", "vizkit", "gallery", "--gallery-dir", str(folder),
         "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )  # fmt: skip
    assert proc.returncode == 1
    assert "plot_broken.py" in proc.stderr


def test_example_title_and_matching(tmp_path):
    folder = write_gallery(tmp_path, plot_good=GOOD, plot_none="x = 1\n")
    assert example_title(folder / "plot_good.py") == "A good example"
    assert example_title(folder / "plot_none.py") == "plot_none"
    assert matches("plot_rocauc.py", "roc")
    assert matches("plot_rocauc.py", "plot_r*.py")
    assert not matches("plot_rocauc.py", "pca")


@pytest.mark.parametrize(
    ("program", "package"),
    [
        ("chromium", "chromium"),
        ("chromedriver", "chromium-driver"),
        ("dot", "graphviz"),
    ],
)
def test_missing_browser_skips_naming_the_package_or_fails_in_ci(
    monkeypatch, program, package
):
    from tests.conftest import require_program

    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.delenv("VIZKIT_REQUIRE_PROGRAMS", raising=False)
    with pytest.raises(pytest.skip.Exception, match=rf"\(apt-get install {package}\)$"):
        require_program(program)
    monkeypatch.setenv("VIZKIT_REQUIRE_PROGRAMS", "1")
    with pytest.raises(pytest.fail.Exception, match=f"{program} is required here"):
        require_program(program)
