"""The ``vizkit`` command line: ``vizkit gallery [--out DIR] [--only PATTERN]``."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence

from vizkit import __version__
from vizkit.gallery import (
    ExampleResult,
    GalleryNotFound,
    find_examples,
    find_gallery_dir,
    run_gallery,
)

#: Exit status when the gallery cannot run at all (no folder, no example).
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
    return parser


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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``vizkit`` console script and ``python -m vizkit``."""
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
