"""The Sphinx docs build without a warning, show every gallery figure and
document every registered visualizer (its family page and its API entry)."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from vizkit.registry import FAMILY_TITLES, declarations, families

# Under pytest-xdist, one worker runs this module, so the Sphinx site is built once.
pytestmark = pytest.mark.xdist_group("test_docs")

FAMILIES = families()

DOCS = Path(__file__).resolve().parent.parent / "docs"
GALLERY = DOCS.parent / "gallery"
#: Where the docs build renders the gallery (docs/_ext/gallery_figures.py).
FIGURES = DOCS / "api" / "generated" / "gallery"

for _module in ("sphinx", "numpydoc"):
    if importlib.util.find_spec(_module) is None:
        pytest.skip(
            f"{_module} is not installed; install the test extra "
            '(pip install -e ".[test]") to build the docs.',
            allow_module_level=True,
        )


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> Path:
    """Build the HTML docs once, warnings as errors; return the output folder.

    The build renders the gallery itself (``VIZKIT_DOCS_GALLERY`` unset), or
    reuses the figures a build of the same sources already rendered.
    """
    out = tmp_path_factory.mktemp("docs_html")
    env = {**os.environ, "MPLBACKEND": "Agg"}
    env.pop("VIZKIT_DOCS_GALLERY", None)
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", "-q",
         str(DOCS), str(out)],
        capture_output=True, text=True, timeout=900, env=env,
    )  # fmt: skip
    assert proc.returncode == 0, f"sphinx-build failed:\n{proc.stderr}"
    return out


@pytest.fixture(scope="module")
def docs_modules():
    """The docs' own generator modules (apigen, gallery_figures), imported.

    Their folders stay on ``sys.path`` while the module's tests run, as in a
    Sphinx build: the gallery's worker processes import gallery_figures.
    """
    paths = [str(DOCS), str(DOCS / "_ext")]
    sys.path[:0] = paths
    import apigen
    import gallery_figures

    yield apigen, gallery_figures
    for path in paths:
        sys.path.remove(path)


def read(html: Path, page: str) -> str:
    return (html / page).read_text(encoding="utf-8")


class Images(HTMLParser):
    """The ``src`` of every ``<img>`` of a page."""

    def __init__(self):
        super().__init__()
        self.srcs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.srcs.append(dict(attrs)["src"])


def image_sources(text: str) -> list[str]:
    parser = Images()
    parser.feed(text)
    return parser.srcs


def sections(text: str, ids: list[str]) -> dict[str, str]:
    """The HTML from each id to the next one of ``ids`` (document order)."""
    starts = sorted((text.index(f'id="{key}"'), key) for key in ids)
    ends = [start for start, _ in starts[1:]] + [len(text)]
    return {key: text[start:end] for (start, key), end in zip(starts, ends)}


def family_anchor(class_path: str) -> str:
    """The HTML id Sphinx gives the label ``visualizer-<class path>``."""
    return "visualizer-" + re.sub(r"[^a-z0-9]+", "-", class_path.lower())


# -- the gallery figures ---------------------------------------------------------


def rendered_figures() -> list[Path]:
    return sorted(FIGURES.glob("plot_*.png"))


def test_every_example_has_a_rendered_figure(html):
    examples = sorted(GALLERY.glob("plot_*.py"))
    stems = {png.stem.rpartition("_")[0] for png in rendered_figures()}
    assert [e.name for e in examples if e.stem not in stems] == []


def test_every_gallery_figure_is_embedded(html):
    page = read(html, "gallery.html")
    sources = image_sources(page)
    for png in rendered_figures():
        assert (html / "_images" / png.name).is_file(), png.name
        assert f"_images/{png.name}" in sources, f"{png.name} not on gallery.html"
    # and nothing else, each figure once
    assert len(sources) == len(rendered_figures())


def test_every_registered_visualizer_has_a_gallery_example():
    from vizkit.gallery import example_visualizers

    used = set()
    for example in GALLERY.glob("plot_*.py"):
        used.update(d.class_path for d in example_visualizers(example))
    missing = [d.class_path for d in declarations() if d.class_path not in used]
    assert missing == []


# -- the family pages ------------------------------------------------------------


@pytest.mark.parametrize("family", list(FAMILIES))
def test_family_page_shows_each_visualizer(html, family):
    path = html / "visualizers" / f"{family}.html"
    page = path.read_text(encoding="utf-8")
    paths = [class_path for class_path, _ in FAMILIES[family]]
    by_visualizer = sections(page, [family_anchor(p) for p in paths])
    for class_path, quick_path in FAMILIES[family]:
        section = by_visualizer[family_anchor(class_path)]
        sources = image_sources(section)
        assert sources, f"no figure of {class_path} on its family page"
        for src in sources:
            assert (path.parent / src).resolve().is_file(), src
        # the example's code (or a link to it, higher on the page), and links
        # to the API entry and the quick method
        assert 'class="highlight-python' in section or "is shown under" in section
        for target in (class_path, quick_path):
            assert f'generated/{family}.html#{target}"' in section


def test_family_pages_link_their_guides(html):
    for family, guide in (("tree", "trees"), ("training", "training"),
                          ("inspection", "inspection")):  # fmt: skip
        page = read(html, f"visualizers/{family}.html")
        assert f'href="../{guide}.html"' in page


def test_visualizers_index_links_every_family(html):
    index = read(html, "visualizers/index.html")
    for family in FAMILIES:
        assert f'href="{family}.html"' in index


# -- the API reference -----------------------------------------------------------

PROTOCOL = ("fit", "show", "plot")
PROTOCOL_IF_PRESENT = ("score", "from_estimator", "from_predictions")


def own_method(cls, name: str) -> bool:
    """Whether vizkit (not scikit-learn's BaseEstimator) defines ``cls.name``."""
    owner = next(k for k in cls.__mro__ if name in vars(k))
    return owner.__module__.startswith("vizkit")


@pytest.mark.parametrize("family", list(FAMILIES))
def test_api_page_lists_every_registered_visualizer(html, family):
    page = read(html, f"api/generated/{family}.html")
    assert FAMILY_TITLES[family] in page
    for class_path, quick_path in FAMILIES[family]:
        # autodoc anchors each documented object by its full path
        assert f'id="{class_path}"' in page, f"{class_path} is not documented"
        assert f'id="{quick_path}"' in page, f"{quick_path} is not documented"


@pytest.mark.parametrize("family", list(FAMILIES))
def test_api_entries_show_picture_and_inherited_protocol(html, family):
    page = read(html, f"api/generated/{family}.html")
    found = declarations(family)
    headings = sections(page, [d.cls.__name__.lower() for d in found])
    for declaration in found:
        cls, path = declaration.cls, declaration.class_path
        entry = headings[cls.__name__.lower()]
        sources = image_sources(entry)
        assert len(sources) == 1, f"{path}: {sources}"
        assert (html / "api" / "generated" / sources[0]).resolve().is_file()
        expected = [*PROTOCOL, *(m for m in PROTOCOL_IF_PRESENT if hasattr(cls, m))]
        for method in expected:
            assert f'id="{path}.{method}"' in entry, f"{path}.{method} missing"
        # scikit-learn's plumbing, unless vizkit redefines it (the comparisons'
        # get_params names each model's parameters)
        for plumbing in ("get_params", "set_params", "get_metadata_routing",
                         "set_output"):  # fmt: skip
            documented = f'id="{path}.{plumbing}"' in entry
            assert documented == (hasattr(cls, plumbing) and own_method(cls, plumbing))
        # metadata routing's generated methods, always hidden (conf.py)
        assert not re.search(rf'id="{re.escape(path)}\.set_\w+_request"', entry)


def test_api_index_links_every_family(html):
    index = read(html, "api/index.html")
    for family in FAMILIES:
        assert f'href="generated/{family}.html"' in index


# -- the other pages -------------------------------------------------------------


def test_every_page_is_built(html):
    for page in ("index", "getting_started", "quickstart", "migrating", "gallery",
                 "api/core", "visualizers/index"):  # fmt: skip
        assert (html / f"{page}.html").is_file()


def test_index_orders_the_sections(html):
    index = read(html, "index.html")
    captions = re.findall(r'<p class="caption"[^>]*><span class="caption-text">'
                          r"([^<]+)</span>", index)  # fmt: skip
    expected = ["Getting started", "User guide", "Visualizers", "Guides",
                "Migrating", "Gallery", "API reference"]  # fmt: skip
    # the page lists them, then the sidebar again
    assert [c for c in dict.fromkeys(captions) if c in expected] == expected


def test_migrating_lists_the_behavioural_differences(html):
    page = read(html, "migrating.html")
    for phrase in ("plt.gca()", "estimator__C", "poof()", "vizkit.style.theme()",
                   "fpr_", "ax_", "ClassBalance", "Pipeline"):  # fmt: skip
        assert phrase in page, phrase


def test_gallery_page_shows_every_example(html):
    page = read(html, "gallery.html")
    for script in sorted(GALLERY.glob("plot_*.py")):
        assert script.name in page


# -- the generators, without a build ---------------------------------------------


def test_generator_writes_a_page_per_family(tmp_path, docs_modules):
    apigen, _ = docs_modules
    pages = apigen.generate(tmp_path, family_out=tmp_path / "visualizers")
    assert sorted(p.stem for p in pages) == sorted(FAMILIES)
    family_pages = sorted((tmp_path / "visualizers").glob("*.rst"))
    assert sorted(p.stem for p in family_pages) == sorted(FAMILIES)
    text = (tmp_path / "classifier.rst").read_text(encoding="utf-8")
    for class_path, quick_path in FAMILIES["classifier"]:
        assert f".. autoclass:: {class_path}" in text
        assert f".. autofunction:: {quick_path}" in text
    assert ":inherited-members: BaseEstimator" in text


def write_pngs(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(b"png")


def test_figures_are_found_in_number_order(tmp_path, docs_modules):
    _, figures = docs_modules
    write_pngs(tmp_path, ["plot_a_10.png", "plot_a_2.png", "plot_a_1.png",
                          "plot_a_b_1.png", "plot_b_1.png"])  # fmt: skip
    examples = [tmp_path / "plot_a.py", tmp_path / "plot_b.py"]
    found = figures.figures_of(tmp_path, examples)
    assert [p.name for p in found["plot_a.py"]] == [
        "plot_a_1.png",
        "plot_a_2.png",
        "plot_a_10.png",
    ]
    assert [p.name for p in found["plot_b.py"]] == ["plot_b_1.png"]


def test_a_reused_gallery_is_copied(tmp_path, docs_modules, monkeypatch):
    _, figures = docs_modules
    rendered = tmp_path / "rendered"
    examples = sorted(GALLERY.glob("plot_*.py"))
    write_pngs(rendered, [f"{e.stem}_1.png" for e in examples] + ["stray.png"])
    monkeypatch.setenv(figures.ENV_VAR, str(rendered))
    found = figures.gallery_figures(tmp_path / "out", log=lambda message: None)
    assert sorted(found) == [e.name for e in examples]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{e.stem}_1.png" for e in examples
    )


def test_a_reused_gallery_missing_a_figure_is_refused(tmp_path, docs_modules,
                                                      monkeypatch):  # fmt: skip
    _, figures = docs_modules
    write_pngs(tmp_path / "rendered", ["plot_rocauc_1.png"])
    monkeypatch.setenv(figures.ENV_VAR, str(tmp_path / "rendered"))
    with pytest.raises(figures.GalleryFailed, match="plot_pca.py"):
        figures.gallery_figures(tmp_path / "out", log=lambda message: None)
    monkeypatch.setenv(figures.ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(figures.GalleryFailed, match="is not a folder"):
        figures.gallery_figures(tmp_path / "out", log=lambda message: None)


def test_a_failing_example_fails_the_render_and_keeps_the_old_figures(
    tmp_path, docs_modules
):
    _, figures = docs_modules
    good, bad = tmp_path / "plot_good.py", tmp_path / "plot_bad.py"
    good.write_text('"""Good"""\nimport matplotlib.pyplot as plt\nplt.plot([1, 2])\n')
    bad.write_text('"""Bad"""\nraise ValueError("broken on purpose")\n')
    out = tmp_path / "out"
    write_pngs(out, ["plot_old_1.png"])
    with pytest.raises(figures.GalleryFailed, match="plot_bad.py: ValueError"):
        figures.render([good, bad], out, log=lambda message: None)
    assert [p.name for p in out.iterdir()] == ["plot_old_1.png"]
    figures.render([good], out, log=lambda message: None)
    assert [p.name for p in out.iterdir()] == ["plot_good_1.png"]


def test_the_stamp_follows_the_examples(tmp_path, docs_modules):
    _, figures = docs_modules
    example = tmp_path / "plot_x.py"
    example.write_text("x = 1\n")
    before = figures.sources_hash([example])
    assert figures.sources_hash([example]) == before
    example.write_text("x = 2\n")
    assert figures.sources_hash([example]) != before
