"""Open a page of a local folder in headless Chromium and report what is broken.

The tests of the gallery index and of the model report check their HTML in a
real browser: every image decodes, every link resolves, nothing is logged as
an error. The folder is served over HTTP on 127.0.0.1 (``file://`` pages may
not ``fetch()`` their neighbours), and Debian's ``chromium`` is driven by its
``chromedriver`` through Selenium. Both paths are given explicitly, so
Selenium Manager never looks for (or downloads) a browser or a driver.

Use the session fixture ``browser`` (tests/conftest.py)::

    report = browser.check(folder, "index.html")
    assert report.broken_images == [] and report.broken_links == []
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

#: Flags for a headless browser running as root on a machine without network.
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: Seconds a page (and its images) may take to load.
PAGE_TIMEOUT = 30


@dataclass
class PageCheck:
    """What the browser found on one page.

    Attributes
    ----------
    title : str
        The document's title.
    images : list of str
        The ``src`` of every ``<img>``, in document order.
    broken_images : list of str
        The ``src`` of each image that did not load (not complete, or
        ``naturalWidth == 0``).
    links : list of str
        The ``href`` of every ``<a>``, ``<area>`` and ``<link>``.
    broken_links : list of str
        Each ``href`` that does not resolve: an ``#anchor`` with no element of
        that id, a same-origin URL whose status is not 200, or any other
        origin (the pages must be self-contained). ``data:`` and ``mailto:``
        links are not checked.
    text : str
        The visible text (``document.body.innerText``).
    console_errors : list of str
        The messages the page logged at error level while loading.
    """

    title: str
    images: list[str]
    broken_images: list[str]
    links: list[str]
    broken_links: list[str]
    text: str
    console_errors: list[str]


# -- serving a folder -----------------------------------------------------------------


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without printing a line per request.

    A missing ``/favicon.ico`` is answered "204 No Content": the browser asks
    for it by itself, so its 404 would be logged as an error of every page.
    """

    def do_GET(self) -> None:
        if (
            self.path == "/favicon.ico"
            and not Path(self.translate_path(self.path)).exists()
        ):
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# -- what the page is asked --------------------------------------------------------

# Waits for every image (lazy ones are made eager), then describes them.
_IMAGES_SCRIPT = """
const done = arguments[arguments.length - 1];
const images = Array.from(document.images);
const settle = (img) => new Promise((resolve) => {
  img.loading = "eager";
  if (img.complete) { resolve(); return; }
  img.addEventListener("load", resolve, {once: true});
  img.addEventListener("error", resolve, {once: true});
});
Promise.all(images.map(settle)).then(() => done({
  title: document.title,
  text: document.body ? document.body.innerText : "",
  images: images.map((img) => img.getAttribute("src") || ""),
  broken: images.filter((img) => !img.complete || img.naturalWidth === 0)
                .map((img) => img.getAttribute("src") || ""),
}));
"""

# Resolves every href: anchors in the page, same-origin URLs by status.
_LINKS_SCRIPT = """
const done = arguments[arguments.length - 1];
const selector = "a[href], area[href], link[href]";
const elements = Array.from(document.querySelectorAll(selector));
const hrefs = elements.map((el) => el.getAttribute("href"));
const here = new URL(location.href);
here.hash = "";
const hasAnchor = (hash) => {
  const id = decodeURIComponent(hash.slice(1));
  return id === "" || document.getElementById(id) !== null;
};
const resolves = async (href) => {
  const url = new URL(href, location.href);
  if (url.protocol === "data:" || url.protocol === "mailto:") return true;
  if (url.origin !== location.origin) return false;
  const bare = new URL(url.href);
  bare.hash = "";
  if (bare.href === here.href) return hasAnchor(url.hash);
  try {
    const response = await fetch(bare.href, {method: "HEAD", cache: "no-store"});
    return response.status === 200;
  } catch (error) {
    return false;
  }
};
Promise.all(hrefs.map(resolves)).then((ok) => done({
  links: hrefs,
  broken: hrefs.filter((href, index) => !ok[index]),
}));
"""


# -- the browser ----------------------------------------------------------------------


class Browser:
    """A headless Chromium driven through Selenium; :meth:`check` opens a page.

    Parameters
    ----------
    chromium : str
        Path of the Chromium binary.
    chromedriver : str
        Path of the matching chromedriver.
    """

    def __init__(self, chromium: str, chromedriver: str) -> None:
        self._profile = tempfile.mkdtemp(prefix="vizkit-chromium-")
        self.driver = _start_driver(chromium, chromedriver, self._profile)

    def check(self, folder: Path, page: str = "index.html") -> PageCheck:
        """Open ``folder/page`` over HTTP and report its images, links and errors."""
        with serve_folder(Path(folder)) as base:
            self.driver.get_log("browser")  # drop what an earlier page logged
            self.driver.get(base + page)
            found = self.driver.execute_async_script(_IMAGES_SCRIPT)
            # Read the log before the link checks, whose 404s are reported there.
            errors = [
                entry["message"]
                for entry in self.driver.get_log("browser")
                if entry["level"] == "SEVERE"
            ]
            links = self.driver.execute_async_script(_LINKS_SCRIPT)
        return PageCheck(
            title=found["title"],
            images=found["images"],
            broken_images=found["broken"],
            links=links["links"],
            broken_links=links["broken"],
            text=found["text"],
            console_errors=errors,
        )

    def quit(self) -> None:
        """Close the browser and remove its profile folder."""
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self._profile, ignore_errors=True)


def _start_driver(chromium: str, chromedriver: str, profile: str):
    """A Chrome WebDriver on the given binaries, logging the page's console."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    driver.set_page_load_timeout(PAGE_TIMEOUT)
    driver.set_script_timeout(PAGE_TIMEOUT)
    return driver
