"""The ``vizkit`` command line.

``vizkit gallery [--out DIR] [--only PATTERN]`` renders the examples;
``vizkit report --data FILE.csv --target COL --model CLASS --out PAGE.html``
fits a model on a CSV table and writes its HTML report.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from sklearn.base import is_classifier, is_clusterer, is_regressor

from vizkit import __version__
from vizkit.exceptions import VizkitError, VizkitValueError
from vizkit.gallery import (
    ExampleResult,
    GalleryNotFound,
    find_examples,
    find_gallery_dir,
    run_gallery,
)

#: Exit status of a usage error: the gallery cannot run at all (no folder, no
#: example), or a report's input is wrong (nothing is written then).
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``vizkit`` command."""
    parser = argparse.ArgumentParser(
        prog="vizkit", description="vizkit: scikit-learn visualizers."
    )
    parser.add_argument("--version", action="version", version=f"vizkit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    gallery = commands.add_parser(
        "gallery",
        help="run the gallery examples and write their figures and index.html",
        description="Run every gallery/plot_*.py example on the Agg backend, write "
        "one PNG per figure and an index.html, and exit non-zero if any failed.",
    )
    gallery.add_argument(
        "--out", default="gallery_out", metavar="DIR",
        help="output folder (default: gallery_out/ in the current directory)",
    )  # fmt: skip
    gallery.add_argument(
        "--only", metavar="PATTERN",
        help="run only examples whose file name contains PATTERN, or matches it "
        "as a glob (e.g. 'rocauc' or 'plot_p*')",
    )  # fmt: skip
    gallery.add_argument(
        "--gallery-dir", metavar="DIR",
        help="folder of plot_*.py examples (default: the source checkout's gallery/)",
    )  # fmt: skip
    gallery.set_defaults(handler=gallery_command)
    add_report_parser(commands)
    return parser


def add_report_parser(commands) -> None:
    """The ``vizkit report`` subcommand and its options."""
    report = commands.add_parser(
        "report",
        help="fit a model on a CSV table and write its HTML report",
        description="Split the CSV's rows into training and test rows, fit the "
        "model on the first, evaluate it on the second and write one "
        "self-contained HTML page with every visualizer that applies.",
    )
    make_errors_one_line(report)
    report.add_argument(
        "--data", metavar="FILE.csv", help="the table (CSV, header row)"
    )
    report.add_argument(
        "--target", metavar="COLUMN",
        help="the column to predict (optional for a clustering model)",
    )  # fmt: skip
    report.add_argument(
        "--model", metavar="PATH",
        help="an estimator class (sklearn.ensemble.RandomForestClassifier) or a "
        "model saved with joblib (.pkl/.pickle/.joblib, needs --trust-pickle)",
    )  # fmt: skip
    report.add_argument("--out", metavar="PAGE.html", help="the HTML page to write")
    report.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE",
        help="a model parameter, repeatable (n_estimators=200, max_depth=None)",
    )  # fmt: skip
    report.add_argument(
        "--trust-pickle", action="store_true",
        help="allow loading a pickled model: unpickling runs code from the file",
    )  # fmt: skip
    report.add_argument(
        "--test-size", default="0.25", metavar="SIZE",
        help="fraction (0-1) or number of rows held out for testing (default 0.25)",
    )  # fmt: skip
    report.add_argument(
        "--random-state", default="0", metavar="SEED",
        help="seed of the train/test split (default 0)",
    )  # fmt: skip
    report.add_argument(
        "--no-progress", action="store_true", help="no progress bar on stderr"
    )
    report.set_defaults(handler=report_command)


def print_progress(index: int, total: int, result: ExampleResult) -> None:
    """One line per example; a failure adds its traceback, indented."""
    print(f"[{index}/{total}] {result.name} ... {result.summary()}", flush=True)
    if not result.ok:
        print(textwrap.indent((result.error or "").rstrip(), "    "), flush=True)


def gallery_command(args: argparse.Namespace) -> int:
    """Run the gallery; 0 if every example succeeded, 1 if any failed."""
    try:
        gallery_dir = find_gallery_dir(args.gallery_dir)
    except GalleryNotFound as error:
        print(f"vizkit gallery: {error}", file=sys.stderr)
        return EXIT_USAGE
    examples = find_examples(gallery_dir, args.only)
    if not examples:
        which = f" matching {args.only!r}" if args.only else ""
        print(f"vizkit gallery: no example{which} in {gallery_dir}", file=sys.stderr)
        return EXIT_USAGE
    results = run_gallery(examples, args.out, progress=print_progress)
    failed = [result.name for result in results if not result.ok]
    print(f"wrote {args.out}/index.html")
    if failed:
        print(
            f"{len(failed)} of {len(results)} examples failed: {', '.join(failed)}",
            file=sys.stderr,
        )
        return 1
    return 0


def make_errors_one_line(parser: argparse.ArgumentParser) -> None:
    """Make ``parser``'s usage errors one line on stderr (exit 2), no usage block."""

    def error(message: str) -> NoReturn:
        parser.exit(EXIT_USAGE, f"{parser.prog}: error: {message}; see --help\n")

    parser.error = error  # type: ignore[method-assign]


@dataclass
class ReportInputs:
    """The checked inputs of one ``vizkit report`` run."""

    model: Any
    X: Any
    y: Any
    notes: list[str]
    test_size: float | int
    random_state: int


def read_report_inputs(args: argparse.Namespace) -> ReportInputs:
    """Check every option and read the data and model, before any fitting.

    Raises
    ------
    VizkitError
        The first wrong input; the message starts with its option.
    """
    from vizkit.reporting import _command_inputs as inputs

    names = inputs.OPTIONS
    missing = [
        f"--{name}" for name in ("data", "model", "out") if not getattr(args, name)
    ]
    if missing:
        raise VizkitValueError(f"missing {', '.join(missing)}; see --help")
    check_out_path(args.out)
    test_size = parse_test_size(args.test_size)
    random_state = parse_int(args.random_state, "--random-state")
    params = inputs.parse_params(args.param, arg=names.params)
    model = inputs.load_model(
        args.model, params=params, trust_pickle=args.trust_pickle, names=names
    )
    frame = inputs.read_table(args.data, arg=names.data)
    if args.target is None:
        if not is_clusterer(model):
            raise VizkitValueError(
                f"--target is missing: {type(model).__name__} is not a clustering "
                "model, so name the column it should predict (--target COLUMN)."
            )
        return ReportInputs(model, frame, None, [], test_size, random_state)
    X, y, note = inputs.split_target(frame, args.target, arg=names.target)
    if is_classifier(model) or is_regressor(model):
        inputs.check_target_values(y, arg=names.target)
    return ReportInputs(model, X, y, [note] if note else [], test_size, random_state)


def check_out_path(out: str) -> None:
    """The page's folder must exist and the page must not be a folder."""
    folder = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(folder):
        raise VizkitValueError(
            f"--out: the folder {folder!r} does not exist; create it or write the "
            "page elsewhere."
        )
    if os.path.isdir(out):
        raise VizkitValueError(
            f"--out: {out!r} is a folder; give a file name such as {out}/report.html."
        )


def parse_test_size(text: str) -> float | int:
    """A fraction in (0, 1) of the rows, or a whole number of rows."""
    from vizkit.reporting._command_inputs import literal_or_text

    value = literal_or_text(text)
    if isinstance(value, float) and 0 < value < 1:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise VizkitValueError(
        f"--test-size: {text!r} is neither a fraction between 0 and 1 nor a number "
        "of rows; write e.g. --test-size 0.25."
    )


def parse_int(text: str, option: str) -> int:
    """A whole number, for an option such as ``--random-state``."""
    from vizkit.reporting._command_inputs import literal_or_text

    value = literal_or_text(text)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise VizkitValueError(f"{option}: {text!r} is not a whole number; write e.g. 0.")


def report_command(args: argparse.Namespace) -> int:
    """Write the report; 0 on success, 2 with one error line on a bad input."""
    try:
        inputs = read_report_inputs(args)
    except VizkitError as error:
        return report_usage_error(str(error))
    from vizkit.reporting import report

    try:
        result = report(
            inputs.model, inputs.X, inputs.y, test_size=inputs.test_size,
            random_state=inputs.random_state, out=args.out, notes=inputs.notes,
            progress=not args.no_progress,
        )  # fmt: skip
    except VizkitError as error:
        return report_usage_error(str(error))
    except (ValueError, TypeError) as error:  # the model rejected its input
        return report_usage_error(
            f"the model failed: {type(error).__name__}: {one_line(str(error))} "
            "(check --param values and the data's columns)"
        )
    print_report_summary(result, args.out)
    return 0


def report_usage_error(message: str) -> int:
    print(f"vizkit report: error: {one_line(message)}", file=sys.stderr)
    return EXIT_USAGE


def one_line(text: str) -> str:
    """``text`` with its line breaks folded to spaces."""
    return " ".join(text.split())


def print_report_summary(result, out: str) -> None:
    """Where the page is, what the report states, and its headline metrics."""
    print(f"wrote {out} ({result.task}, {len(result.sections)} sections)")
    for note in result.notes:
        print(f"note: {note}")
    for name, value in headline_metrics(result.metrics):
        print(f"{name}: {value}")


def headline_metrics(metrics: dict) -> list[tuple[str, str]]:
    """The report's scalar metrics, to four significant digits (1.000, 0.9737)."""
    return [
        (name, f"{value:#.4g}" if isinstance(value, float) else str(value))
        for name, value in metrics.items()
        if isinstance(value, (int, float, str)) and not isinstance(value, bool)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``vizkit`` console script and ``python -m vizkit``."""
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command == "report":
        return report_usage_error(f"unrecognized arguments: {' '.join(unknown)}")
    if unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
