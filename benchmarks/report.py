"""Markdown for benchmarks/README.md: the machine and the results table."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path

from benchmarks.timing import CaseResult, Timing

#: Column titles of the implementations, in table order.
LABELS: dict[str, str] = {
    "vizkit": "vizkit",
    "serial": "vizkit n_jobs=1",
    "dask": "vizkit on Dask",
    "display": "sklearn Display",
    "floor": "floor",
    "yellowbrick": "Yellowbrick",
    "sklearn": "sklearn function",
    "dtreeviz": "dtreeviz",
}
PEERS = ("serial", "dask", "sklearn", "display", "floor", "yellowbrick", "dtreeviz")
START = "<!-- results:start (written by benchmarks/run.py) -->"
END = "<!-- results:end -->"
PACKAGES = (
    "numpy", "scipy", "scikit-learn", "matplotlib", "vizkit", "yellowbrick", "dtreeviz",
)  # fmt: skip


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _blas() -> str:
    from threadpoolctl import threadpool_info

    found = [
        f"{i.get('internal_api')} {i.get('version')} "
        f"({i.get('num_threads')} threads, {i.get('threading_layer', '?')})"
        for i in threadpool_info()
        if i.get("user_api") == "blas"
    ]
    return "; ".join(found) or "none found"


def machine_markdown() -> str:
    """A bullet list describing the machine and the library versions."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    versions = ", ".join(f"{p} {_version(p)}" for p in PACKAGES)
    return "\n".join(
        [
            f"- CPU: {_cpu_model()}, `nproc` = {cores or os.cpu_count()}",
            f"- Python {platform.python_version()} on {platform.platform()}",
            f"- {versions}",
            f"- BLAS (threadpoolctl): {_blas()}",
        ]
    )


def _cell(timing: Timing | None) -> str:
    if timing is None:
        return "—"
    if timing.seconds is not None:
        return f"{timing.seconds:.3f}"
    return timing.status.split(":")[0].split(" (")[0]


def _ratio(ours: Timing | None, theirs: Timing | None) -> str:
    if ours is None or theirs is None or None in (ours.seconds, theirs.seconds):
        return "—"
    return f"{ours.seconds / theirs.seconds:.2f}"


def _case_rows(result: CaseResult, prefit: bool) -> list[str]:
    name = f"{result.name} (prefit)" if prefit else result.name
    rows = []
    for n_rows in result.sizes:
        ours = result.get("vizkit", n_rows)
        cells = [name, f"{n_rows:,}"]
        cells += [_cell(result.get(impl, n_rows)) for impl in LABELS]
        cells += [_ratio(ours, result.get(peer, n_rows)) for peer in PEERS]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _notes(results: list[CaseResult]) -> list[str]:
    """The full message of each implementation that did not run, once."""
    notes = []
    for result in results:
        seen = set()
        for timing in result.timings.values():
            if timing.status != "ok" and timing.impl not in seen:
                seen.add(timing.impl)
                label = LABELS[timing.impl]
                notes.append(f"- {result.name} / {label}: {timing.status}")
    return notes


def results_markdown(results: list[CaseResult], prefit: dict[str, bool]) -> str:
    """The table of medians (seconds) and ratios, one row per case and size."""
    ratios = [f"vizkit / {LABELS[p]}" for p in PEERS]
    header = ["case", "rows", *LABELS.values(), *ratios]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for result in results:
        lines += _case_rows(result, prefit.get(result.name, False))
    notes = _notes(results)
    if notes:
        lines += ["", "Implementations that did not run:", "", *notes]
    return "\n".join(lines)


def write_block(path: Path, block: str) -> None:
    """Put ``block`` between the result markers of ``path`` (append if absent)."""
    text = path.read_text() if path.exists() else ""
    fenced = f"{START}\n{block}\n{END}"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + fenced + rest.split(END, 1)[1]
    else:
        text = (text.rstrip() + "\n\n" if text else "") + fenced + "\n"
    path.write_text(text)
