"""Smoke test of the benchmark runner: every case once at 1,000 rows.

No timing is asserted: this checks that each implementation runs, writes a
PNG and gets a time, and that the report has a row per case. Yellowbrick is
optional (its classifier and regressor visualizers fail on scikit-learn >=
1.8; it may not be installed at all).
"""

import pytest

from benchmarks.cases import CASES
from benchmarks.run import markdown, run_benchmarks

# Under pytest-xdist one worker runs this module: every case runs once.
pytestmark = pytest.mark.xdist_group("test_benchmarks")


@pytest.fixture(scope="module")
def results():
    return run_benchmarks(max_rows=1_000, repeat=1, warmup=False)


def test_every_case_ran_at_one_size(results):
    assert [r.name for r in results] == list(CASES)
    for result in results:
        assert result.sizes == [1_000]
        assert result.impls == list(CASES[result.name].IMPLEMENTATIONS)


def test_every_implementation_wrote_a_png_in_positive_time(results):
    for result in results:
        for impl in result.impls:
            timing = result.get(impl, 1_000)
            if impl == "yellowbrick" and timing.status != "ok":
                assert timing.status.startswith(("not installed", "fails: ")), timing
                continue
            assert timing.status == "ok", (result.name, timing)
            assert len(timing.runs) == 1
            assert timing.seconds > 0
            assert timing.png_bytes > 0


def test_report_has_a_row_per_case(results):
    text = markdown(results, repeat=1, time_cap=60.0)
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| case | rows | vizkit |")
    cases = [row.split(" | ")[0].removeprefix("| ") for row in rows[1:]]
    assert [case.removesuffix(" (prefit)") for case in cases] == list(CASES)
    assert all(row.split(" | ")[1] == "1,000" for row in rows[1:])
    prefit = [name for name, case in CASES.items() if case.PREFIT]
    assert [case for case in cases if case.endswith("(prefit)")] == [
        f"{name} (prefit)" for name in prefit
    ]
