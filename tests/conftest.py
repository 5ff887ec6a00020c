"""Test settings: Agg backend, every figure closed after each test."""

import os

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib  # noqa: E402

matplotlib.use("Agg", force=True)

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    """Each test starts and ends with no open figure."""
    plt.close("all")
    yield
    plt.close("all")
