"""Test settings: Agg backend, every figure closed after each test."""

import os

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib  # noqa: E402

matplotlib.use("Agg", force=True)

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def one_blas_thread():
    """Tests fit tiny data, where BLAS threads only add overhead.

    On a loaded 2-core machine they are worse: oversubscribed OpenBLAS made
    a LogisticRegression fit on the digits ~10x slower.
    """
    with threadpool_limits(limits=1):
        yield


@pytest.fixture(autouse=True)
def close_figures():
    """Each test starts and ends with no open figure."""
    plt.close("all")
    yield
    plt.close("all")


#: The Debian package that provides each system program the tests run.
DEBIAN_PACKAGES = {
    "dot": "graphviz",
    "chromium": "chromium",
    "chromedriver": "chromium-driver",
}


def require_program(name: str) -> str:
    """The path of the system program ``name``; skips the test without it.

    ``.ci/run`` installs the programs and sets ``VIZKIT_REQUIRE_PROGRAMS=1``,
    so in CI a missing program fails the test instead of skipping it.
    """
    import shutil

    path = shutil.which(name)
    if path is None:
        if os.environ.get("VIZKIT_REQUIRE_PROGRAMS") == "1":
            pytest.fail(f"{name} is required here (VIZKIT_REQUIRE_PROGRAMS=1)")
        package = DEBIAN_PACKAGES.get(name, name)
        pytest.skip(f"needs the {name!r} program (apt-get install {package})")
    return path


@pytest.fixture
def graphviz_dot() -> str:
    """The path of Graphviz's ``dot`` (see :func:`require_program`)."""
    return require_program("dot")


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium for checking HTML pages (tests/browser.py).

    One browser serves the whole session (it takes a second to start); it
    needs Debian's ``chromium`` and ``chromium-driver`` (see
    :func:`require_program`).
    """
    pytest.importorskip("selenium", reason="needs selenium: pip install -e .[test]")
    from tests.browser import Browser

    chromium = require_program("chromium")
    chromedriver = require_program("chromedriver")
    session = Browser(chromium, chromedriver)
    yield session
    session.quit()
