"""Repeated-fit visualizers give the same results however their fits are spread.

Every declared visualizer with an ``n_jobs`` parameter is fitted with
``n_jobs=1``, ``n_jobs=2`` and on a local ``dask.distributed`` cluster
(through ``joblib.parallel_config(backend="dask")``); the fitted results
must be equal. Measured wall-clock times (attributes named ``*timers_``, as
KElbowVisualizer's ``k_timers_``, or ``*_time_``/``*_times_*``, as
LearningCurve's fit times) differ from run to run and are left out.
"""

import joblib
import numpy as np
import pytest

from vizkit import registry
from vizkit.figures import is_drawing

# Under pytest-xdist, one worker runs this module, so the dask cluster is built once.
pytestmark = pytest.mark.xdist_group("test_parallel")


def takes_n_jobs(declaration) -> bool:
    cls = declaration.cls
    params = declaration.example().params
    viz = cls(None, **params) if declaration.kind.wraps_model else cls(**params)
    return "n_jobs" in viz.get_params()


PARALLEL = sorted(
    filter(takes_n_jobs, registry.declarations()), key=lambda d: d.cls.__name__
)


def fitted_results(declaration, **params) -> dict:
    example = declaration.example()
    viz = declaration.cls(example.estimator(), **example.params, **params)
    if "random_state" in viz.get_params():  # None would draw new splits per call
        viz.set_params(random_state=0)
    declaration.kind.feed(viz, example.X, example.y)
    return {
        k: v for k, v in vars(viz).items()
        if k.endswith("_") and not k.startswith("_") and not is_drawing(v)
        and not hasattr(v, "get_params") and not is_timing(k)
    }  # fmt: skip


def is_timing(name: str) -> bool:
    """Wall-clock measurements: ``k_timers_``, ``fit_time_``, ``fit_times_mean_``."""
    return name.endswith(("timers_", "time_")) or "times_" in name


def assert_equal_results(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for key, left in a.items():
        right = b[key]
        if isinstance(left, dict):
            assert_equal_results(left, right)
        elif isinstance(left, list | tuple):
            assert len(left) == len(right)
            for one, other in zip(left, right):
                np.testing.assert_array_equal(one, other, err_msg=key)
        else:
            np.testing.assert_array_equal(left, right, err_msg=key)


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip(
        "distributed", reason="needs the dask extra: pip install vizkit[dask]"
    )
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


def test_every_repeated_fit_visualizer_is_checked_here():
    names = {d.cls.__name__ for d in PARALLEL}
    assert {
        "DiscriminationThreshold",
        "KElbowVisualizer",
        "ManualAlphaSelection",
    } <= names


@pytest.mark.parametrize("declaration", PARALLEL, ids=lambda d: d.cls.__name__)
def test_results_do_not_depend_on_n_jobs_or_dask(declaration, dask_client):
    serial = fitted_results(declaration, n_jobs=1)
    assert serial
    assert_equal_results(serial, fitted_results(declaration, n_jobs=2))
    with joblib.parallel_config(backend="dask"):
        assert_equal_results(serial, fitted_results(declaration, n_jobs=-1))
