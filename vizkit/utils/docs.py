"""Share parameter documentation between a visualizer and its quick method.

The class docstring is the single source; a quick method's docstring holds a
``{params}`` placeholder that is replaced by the class's entries, in the
numpydoc form, so the two never drift apart.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable

_SECTION = re.compile(r"^(\w[\w ]*)\n-{3,}\s*$", re.M)


def param_docs(obj: object) -> dict[str, str]:
    """The numpydoc "Parameters" entries of ``obj``'s docstring, by name."""
    doc = inspect.cleandoc(obj.__doc__ or "")
    sections = _SECTION.split(doc)
    # split yields [preamble, title1, body1, title2, body2, ...]
    bodies = dict(zip(sections[1::2], sections[2::2]))
    entries: dict[str, str] = {}
    current: list[str] | None = None
    for line in bodies.get("Parameters", "").splitlines():
        if line and not line[0].isspace():
            current = [line]
            for name in line.split(":")[0].split(","):
                entries[name.strip()] = current  # type: ignore[assignment]
        elif current is not None:
            current.append(line)
    return {name: "\n".join(lines).rstrip() for name, lines in entries.items()}


def share_params(
    cls: type, exclude: Iterable[str] = ()
) -> Callable[[Callable], Callable]:
    """Fill a quick method's ``{params}`` with ``cls``'s parameter docs.

    ``exclude`` lists the class parameters the quick method documents itself.
    """
    excluded = set(exclude)

    def decorate(func: Callable) -> Callable:
        blocks: list[str] = []
        for name, text in param_docs(cls).items():
            # "nrows, ncols : int" is one entry under two names: keep it once.
            if name not in excluded and text not in blocks:
                blocks.append(text)
        shared = "\n".join(blocks)
        doc = inspect.cleandoc(func.__doc__ or "")
        func.__doc__ = doc.replace("{params}", shared)
        return func

    return decorate
