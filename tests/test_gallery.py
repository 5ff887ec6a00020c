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
from pathlib import Path

import matplotlib.image as mpimg
import numpy as np
import pytest

from vizkit import gallery as gallery_module
from vizkit.cli import main
from vizkit.gallery import (
    example_title,
    find_examples,
    find_gallery_dir,
    matches,
    run_gallery,
)

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
