"""Time vizkit against its peers and write the table into benchmarks/README.md.

Usage::

    python benchmarks/run.py [--case NAME] [--max-rows N] [--time-cap SECONDS]
                             [--repeat R] [--out benchmarks/README.md]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import report  # noqa: E402
from benchmarks.cases import CASES  # noqa: E402
from benchmarks.timing import SIZES, CaseResult, run_case  # noqa: E402

README = Path(__file__).resolve().parent / "README.md"


def run_benchmarks(
    cases: Sequence[str] | None = None,
    max_rows: int = SIZES[-1],
    repeat: int = 3,
    time_cap: float = 60.0,
    progress: Callable[[str], None] | None = None,
    warmup: bool = True,
) -> list[CaseResult]:
    """Run the named cases (all by default) at every size up to ``max_rows``.

    See :func:`benchmarks.timing.run_case` for the timing rules.
    """
    sizes = [n for n in SIZES if n <= max_rows] or [min(SIZES)]
    return [
        run_case(
            name,
            CASES[name].build,
            CASES[name].IMPLEMENTATIONS,
            sizes=sizes,
            repeat=repeat,
            time_cap=time_cap,
            progress=progress,
            warmup=warmup,
        )
        for name in (cases or list(CASES))
    ]


def markdown(
    results: list[CaseResult],
    repeat: int,
    time_cap: float,
    load: tuple[float, float] | None = None,
) -> str:
    """The machine, the settings and the results table.

    ``load`` is the 1-minute load average before and after the run: other
    processes on the machine slow every implementation down.
    """
    prefit = {name: case.PREFIT for name, case in CASES.items()}
    machine = report.machine_markdown()
    if load is not None:
        machine += (
            f"\n- Load average (1 min): {load[0]:.2f} before, {load[1]:.2f} after"
        )
    return "\n\n".join(
        [
            f"Run on {time.strftime('%Y-%m-%d')}, median of {repeat} runs per cell "
            f"(fewer when one run exceeds the {time_cap:g} s cap), seconds.",
            machine,
            report.results_markdown(results, prefit),
        ]
    )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--case",
        action="append",
        choices=list(CASES),
        help="run only this case (repeatable); default: all",
    )
    parser.add_argument("--max-rows", type=int, default=SIZES[-1])
    parser.add_argument(
        "--time-cap",
        type=float,
        default=60.0,
        help="seconds; a slower median ends that implementation",
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--out",
        type=Path,
        default=README,
        help="markdown file whose results block is rewritten",
    )
    return parser.parse_args(argv)


def _load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    load_before = _load()
    results = run_benchmarks(
        args.case,
        args.max_rows,
        args.repeat,
        args.time_cap,
        progress=lambda line: print(line, flush=True),
    )
    block = markdown(results, args.repeat, args.time_cap, (load_before, _load()))
    print(block)
    report.write_block(args.out, block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
