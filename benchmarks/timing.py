"""Time implementations of one plot at growing row counts, in one process.

An implementation is a callable ``impl(data, path)`` that does the whole job
(fit, score, draw, save a PNG to ``path``). Every implementation of a case
gets the same data at the same size; repeats are interleaved across
implementations so drift hits them alike. Figures are closed after each run,
outside the timer.
"""

from __future__ import annotations

import gc
import logging
import os
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

# Yellowbrick's style asks for fonts most machines lack; matplotlib falls back
# to DejaVu Sans and logs a warning per lookup. Keep the output readable.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)

#: Row counts tried, in order.
SIZES: tuple[int, ...] = (1_000, 10_000, 100_000, 1_000_000)

Impl = Callable[[Any, str], None]


@dataclass
class Timing:
    """The runs of one implementation at one size.

    ``status`` is "ok", "not installed", "fails: <error>" or
    "skipped: <reason>"; ``seconds`` (the median of ``runs``) is None
    unless it is "ok".
    """

    impl: str
    n_rows: int
    status: str = "ok"
    runs: list[float] = field(default_factory=list)
    png_bytes: int = 0

    @property
    def seconds(self) -> float | None:
        if self.status != "ok" or not self.runs:
            return None
        return statistics.median(self.runs)


@dataclass
class CaseResult:
    """Every timing of one case, keyed by (implementation, rows)."""

    name: str
    impls: list[str]
    timings: dict[tuple[str, int], Timing] = field(default_factory=dict)

    @property
    def sizes(self) -> list[int]:
        return sorted({n for _, n in self.timings})

    def get(self, impl: str, n_rows: int) -> Timing | None:
        return self.timings.get((impl, n_rows))


def describe_error(error: BaseException) -> str:
    """A one-line status for an implementation that could not run."""
    if isinstance(error, ModuleNotFoundError):
        return f"not installed ({error.name})"
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"fails: {type(error).__name__}: {message}"[:160]


def time_once(impl: Impl, data: Any, path: str) -> tuple[float, int]:
    """Run ``impl`` once; return its wall time and the size of its PNG.

    The run sees the rcParams of the process as they were before it, and any
    change it makes (Yellowbrick restyles matplotlib on import) is undone.
    """
    if os.path.exists(path):
        os.remove(path)
    gc.collect()
    with warnings.catch_warnings(), matplotlib.rc_context():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        try:
            impl(data, path)
            elapsed = time.perf_counter() - start
        finally:
            plt.close("all")
    return elapsed, png_size(path)


def png_size(path: str) -> int:
    """Bytes in the PNG file at ``path``; 0 if it is missing or not a PNG."""
    if not os.path.exists(path):
        return 0
    with open(path, "rb") as handle:
        is_png = handle.read(8) == b"\x89PNG\r\n\x1a\n"
    return os.path.getsize(path) if is_png else 0


def _run_round(impls, timings, data, workdir, time_cap) -> None:
    """One run of every implementation still going at this size."""
    for name, timing in timings.items():
        if timing.status != "ok" or (timing.runs and timing.runs[-1] > time_cap):
            continue  # failed, or one run already over the cap: no more repeats
        path = os.path.join(workdir, f"{name}.png")
        try:
            elapsed, size = time_once(impls[name], data, path)
        except Exception as error:  # a peer that no longer runs is a result
            timing.status = describe_error(error)
            continue
        timing.runs.append(elapsed)
        timing.png_bytes = size


def time_size(
    impls: Mapping[str, Impl],
    active: Sequence[str],
    data: Any,
    n_rows: int,
    repeat: int,
    time_cap: float,
    workdir: str,
) -> dict[str, Timing]:
    """Time every implementation in ``active`` ``repeat`` times on ``data``."""
    timings = {name: Timing(name, n_rows) for name in active}
    for _ in range(repeat):
        _run_round(impls, timings, data, workdir, time_cap)
    for timing in timings.values():
        if timing.status == "ok" and timing.png_bytes == 0:
            timing.status = "fails: no PNG file written"
    return timings


def run_case(
    name: str,
    build: Callable[[int], Any],
    impls: Mapping[str, Impl],
    sizes: Sequence[int] = SIZES,
    repeat: int = 3,
    time_cap: float = 60.0,
    progress: Callable[[str], None] | None = None,
    warmup: bool = True,
) -> CaseResult:
    """Time every implementation of a case at each size in ``sizes``.

    With ``warmup``, each implementation first runs once untimed on the first
    size (imports, font caches). An implementation whose median at a size
    exceeds ``time_cap`` is not run at larger sizes; one that raises is
    recorded with its error and not run again. The case ends when no
    implementation is left.
    """
    result = CaseResult(name, list(impls))
    stopped: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="vizkit-bench-") as workdir:
        for index, n_rows in enumerate(sizes):
            if len(stopped) == len(impls):
                break
            data = build(n_rows)
            if warmup and index == 0:
                _warm_up(impls, stopped, data, n_rows, workdir)
            active = [i for i in impls if i not in stopped]
            timings = time_size(impls, active, data, n_rows, repeat, time_cap, workdir)
            del data
            timings.update({i: Timing(i, n_rows, stopped[i]) for i in stopped})
            for impl in impls:
                _update_stopped(stopped, timings[impl], time_cap)
                result.timings[impl, n_rows] = timings[impl]
                if progress is not None:
                    progress(_progress_line(name, timings[impl]))
    return result


def _warm_up(impls, stopped: dict[str, str], data, n_rows: int, workdir) -> None:
    """One untimed run of each implementation; those that fail are stopped."""
    warm = time_size(impls, list(impls), data, n_rows, 1, float("inf"), workdir)
    stopped.update({i: t.status for i, t in warm.items() if t.status != "ok"})


def _update_stopped(stopped: dict[str, str], timing: Timing, time_cap: float) -> None:
    """Record why an implementation will not run at the next size, if so."""
    if timing.impl in stopped:
        return
    if timing.status != "ok":
        stopped[timing.impl] = timing.status
    elif timing.seconds > time_cap:
        stopped[timing.impl] = f"skipped: over {time_cap:g} s at {timing.n_rows:,} rows"


def _progress_line(case: str, timing: Timing) -> str:
    runs = ", ".join(f"{t:.3f}" for t in timing.runs)
    return f"{case:>16} {timing.n_rows:>9,} {timing.impl:>10}: {timing.status} [{runs}]"
