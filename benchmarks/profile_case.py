"""Profile one implementation of one case at one size with cProfile.

Usage::

    python benchmarks/profile_case.py CASE ROWS [IMPL] [--top N] [--sort KEY]

Prints the top functions of one run (after an untimed warm-up run), sorted by
cumulative time by default.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.cases import CASES  # noqa: E402
from benchmarks.timing import time_once  # noqa: E402


def profile(case: str, n_rows: int, impl: str = "vizkit") -> pstats.Stats:
    """Run ``impl`` of ``case`` on ``n_rows`` rows once under cProfile."""
    module = CASES[case]
    data = module.build(n_rows)
    func = module.IMPLEMENTATIONS[impl]
    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory() as workdir:
        path = os.path.join(workdir, "plot.png")
        time_once(func, module.build(1_000), path)  # warm-up
        profiler.enable()
        elapsed, _ = time_once(func, data, path)
        profiler.disable()
    print(f"{case} / {impl} at {n_rows:,} rows: {elapsed:.3f} s")
    return pstats.Stats(profiler)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", choices=list(CASES))
    parser.add_argument("rows", type=int)
    parser.add_argument("impl", nargs="?", default="vizkit")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative")
    args = parser.parse_args(argv)
    stats = profile(args.case, args.rows, args.impl)
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
