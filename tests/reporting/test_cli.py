"""``vizkit report``: the command on small seeded CSV files, and each bad input."""

import os
import re
import shutil
import subprocess
import sys
from html import escape
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_blobs, make_classification, make_regression
from sklearn.ensemble import RandomForestClassifier

import vizkit
from vizkit.cli import main

RF = "sklearn.ensemble.RandomForestClassifier"
SMALL_FOREST = ["--param", "n_estimators=10", "--param", "random_state=0"]


def classification_frame(n_rows: int = 120) -> pd.DataFrame:
    X, y = make_classification(
        n_samples=n_rows, n_features=4, n_informative=3, n_redundant=0,
        random_state=0,
    )  # fmt: skip
    frame = pd.DataFrame(X, columns=["f0", "f1", "f2", "f3"])
    frame["label"] = np.where(y == 1, "yes", "no")
    return frame


def write_csv(folder: Path, frame: pd.DataFrame, name: str = "data.csv") -> Path:
    path = folder / name
    frame.to_csv(path, index=False)
    return path


def run(capsys, *args) -> tuple[int, str, str]:
    status = main(["report", "--no-progress", *map(str, args)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def headline(out: str) -> dict[str, str]:
    """The ``name: value`` lines the command prints after the page's path."""
    lines = out.strip().splitlines()[1:]
    return dict(line.split(": ", 1) for line in lines if not line.startswith("note"))


# -- success --------------------------------------------------------------------------


def test_classification_page_matches_the_python_call(tmp_path, capsys):
    frame = classification_frame()
    data = write_csv(tmp_path, frame)
    out = tmp_path / "report.html"
    status, stdout, err = run(
        capsys, "--data", data, "--target", "label", "--model", RF, "--out", out,
        *SMALL_FOREST,
    )  # fmt: skip
    assert status == 0, err
    assert stdout.splitlines()[0].startswith(f"wrote {out} (classification, ")
    expected = vizkit.report(
        RandomForestClassifier(n_estimators=10, random_state=0),
        frame.drop(columns="label"), frame["label"], progress=False,
    )  # fmt: skip
    printed = headline(stdout)
    numbers = {k: v for k, v in expected.metrics.items() if isinstance(v, float)}
    assert numbers and set(numbers) <= set(printed)
    for name, value in numbers.items():
        assert float(printed[name]) == pytest.approx(value, rel=1e-3)
    page = out.read_text(encoding="utf-8")
    for section in expected.sections:
        assert section.title in page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.csv", "report.html"]


def test_regression_and_clustering_pages(tmp_path, capsys):
    X, y = make_regression(n_samples=100, n_features=3, noise=5.0, random_state=0)
    frame = pd.DataFrame(X, columns=["a", "b", "c"]).assign(price=y)
    data = write_csv(tmp_path, frame, "houses.csv")
    model = "sklearn.linear_model.Ridge"
    status, stdout, err = run(
        capsys, "--data", data, "--target", "price", "--model", model,
        "--out", tmp_path / "reg.html",
    )  # fmt: skip
    assert status == 0, err
    assert "(regression, " in stdout.splitlines()[0]

    points, _ = make_blobs(n_samples=90, centers=3, random_state=0)
    blobs = write_csv(tmp_path, pd.DataFrame(points, columns=["x", "y"]), "b.csv")
    status, stdout, err = run(
        capsys, "--data", blobs, "--model", "sklearn.cluster.KMeans",
        "--param", "n_clusters=3", "--param", "n_init=3", "--param", "random_state=0",
        "--out", tmp_path / "clusters.html",
    )  # fmt: skip
    assert status == 0, err
    assert "(clustering, " in stdout.splitlines()[0]
    assert (tmp_path / "clusters.html").stat().st_size > 0


def test_text_and_categorical_columns_are_encoded_and_stated(tmp_path, capsys):
    frame = classification_frame()
    rng = np.random.RandomState(0)
    frame["city"] = rng.choice(["Lyon", "Oslo", "Quito"], size=len(frame))
    frame["plan"] = pd.Categorical(rng.choice(["free", "pro"], size=len(frame)))
    frame.loc[[3, 7], "label"] = np.nan  # rows without a target are dropped
    data = write_csv(tmp_path, frame)
    out = tmp_path / "report.html"
    status, stdout, err = run(
        capsys, "--data", data, "--target", "label", "--model", RF, "--out", out,
        *SMALL_FOREST,
    )  # fmt: skip
    assert status == 0, err
    notes = [line for line in stdout.splitlines() if line.startswith("note: ")]
    page = out.read_text(encoding="utf-8")
    dropped = "Dropped 2 of 120 rows that have no value in the target column 'label'."
    assert f"note: {dropped}" in notes
    encoding = [note for note in notes if "city" in note]
    assert len(encoding) == 1 and "plan" in encoding[0]
    assert f"<li>{escape(dropped)}</li>" in page
    assert f"<li>{escape(encoding[0].removeprefix('note: '))}</li>" in page


def test_trusted_pickle_is_used(tmp_path, capsys):
    frame = classification_frame()
    data = write_csv(tmp_path, frame)
    model = tmp_path / "model.pkl"
    joblib.dump(RandomForestClassifier(n_estimators=5, random_state=0), model)
    args = ["--data", data, "--target", "label", "--model", model]
    status, _, err = run(capsys, *args, "--out", tmp_path / "r.html")
    assert status == 2
    assert "unpickling a file runs code" in err and "--trust-pickle" in err
    assert not (tmp_path / "r.html").exists()
    status, stdout, err = run(
        capsys, *args, "--trust-pickle", "--out", tmp_path / "r.html"
    )
    assert status == 0, err
    assert stdout.startswith(f"wrote {tmp_path / 'r.html'} (classification, ")


def test_cells_that_look_like_code_run_nothing(tmp_path, capsys):
    marker = tmp_path / "executed"
    frame = classification_frame(60)
    frame["comment"] = [
        f"__import__('os').system('touch {marker}')",
        "=cmd|' /C calc'!A0",
    ] * 30
    data = write_csv(tmp_path, frame)
    out = tmp_path / "report.html"
    status, _, err = run(
        capsys, "--data", data, "--target", "label", "--model", RF, "--out", out,
        *SMALL_FOREST,
    )  # fmt: skip
    assert status == 0, err
    assert not marker.exists()
    assert "comment" in out.read_text(encoding="utf-8")  # encoded as text


# -- bad input: one line, exit 2, nothing written ----------------------------------


def bad_cases(tmp_path: Path) -> dict[str, tuple[list, str]]:
    """Each bad input: the command's arguments and the start of its message."""
    frame = classification_frame(40)
    data = write_csv(tmp_path, frame)
    one_class = write_csv(tmp_path, frame.assign(label="yes"), "one.csv")
    joblib.dump(RandomForestClassifier(), tmp_path / "model.pkl")
    out = tmp_path / "report.html"
    ok = ["--data", data, "--target", "label", "--out", out]
    return {
        "missing target column": (
            ["--data", data, "--target", "labl", "--model", RF, "--out", out],
            "--target: no column 'labl' in the data. Did you mean 'label'?",
        ),
        "one-valued target": (
            ["--data", one_class, "--target", "label", "--model", RF, "--out", out],
            "--target: the target has one value ('yes') in all 40 rows",
        ),
        "model does not import": (
            [*ok, "--model", "sklearn.ensembel.RandomForestClassifier"],
            "--model: cannot import 'sklearn.ensembel.RandomForestClassifier': "
            "there is no module 'sklearn.ensembel'",
        ),
        "not an estimator": (
            [*ok, "--model", "sklearn.metrics.accuracy_score"],
            "--model: 'sklearn.metrics.accuracy_score' is a function, not a "
            "scikit-learn estimator class",
        ),
        "pickle without trust": (
            [*ok, "--model", tmp_path / "model.pkl"],
            f"--model: refusing to load '{tmp_path / 'model.pkl'}': unpickling",
        ),
        "data file missing": (
            [
                "--data",
                tmp_path / "nope.csv",
                "--target",
                "label",
                "--model",
                RF,
                "--out",
                out,
            ],
            f"--data: no file at '{tmp_path / 'nope.csv'}'",
        ),  # fmt: skip
        "out folder missing": (
            [*ok[:4], "--model", RF, "--out", tmp_path / "no" / "r.html"],
            f"--out: the folder '{tmp_path / 'no'}' does not exist",
        ),
        "no target for a classifier": (
            ["--data", data, "--model", RF, "--out", out],
            "--target is missing: RandomForestClassifier is not a clustering model",
        ),
        "unknown parameter": (
            [*ok, "--model", RF, "--param", "n_estimator=3"],
            "--param: RandomForestClassifier has no parameter 'n_estimator'.",
        ),
        "bad parameter value": (
            [*ok, "--model", RF, "--param", "n_estimators=-3"],
            "the model failed: InvalidParameterError: The 'n_estimators' parameter",
        ),
        "bad test size": (
            [*ok, "--model", RF, "--test-size", "1.5"],
            "--test-size: '1.5' is neither a fraction between 0 and 1",
        ),
        "missing options": (["--target", "label"], "missing --data, --model, --out"),
        "unknown option": ([*ok, "--model", RF, "--colour", "red"], "unrecognized"),
    }


CASES = [
    "missing target column", "one-valued target", "model does not import",
    "not an estimator", "pickle without trust", "data file missing",
    "out folder missing", "no target for a classifier", "unknown parameter",
    "bad parameter value", "bad test size", "missing options", "unknown option",
]  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_error_line_and_writes_nothing(tmp_path, capsys, case):
    cases = bad_cases(tmp_path)
    assert list(cases) == CASES
    args, expected = cases[case]
    before = sorted(tmp_path.iterdir())
    status, stdout, err = run(capsys, *args)
    assert status == 2
    assert stdout == ""
    assert err.count("\n") == 1, err
    assert err.startswith(f"vizkit report: error: {expected}"), err
    assert sorted(tmp_path.iterdir()) == before  # no page, no temporary file


def test_argparse_errors_are_one_line_too(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--data"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("vizkit report: error: argument --data: expected one")


# -- the installed console script -----------------------------------------------------


def test_console_script_writes_the_page(tmp_path):
    script = shutil.which("vizkit", path=os.path.dirname(sys.executable))
    assert script is not None, "the vizkit console script is not installed"
    data = write_csv(tmp_path, classification_frame(80))
    out = tmp_path / "report.html"
    env = {**os.environ, "PYTHONPATH": str(Path(vizkit.__file__).parents[1])}
    done = subprocess.run(
        [script, "report", "--data", data, "--target", "label", "--model", RF,
         "--out", out, *SMALL_FOREST],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert re.match(rf"wrote {re.escape(str(out))} \(classification, ", done.stdout)
    assert "%" in done.stderr  # the progress bar, on stderr
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
