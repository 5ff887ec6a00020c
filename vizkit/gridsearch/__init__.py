"""Grid-search results: a colour grid over two parameters and parallel
coordinates over more (Yellowbrick's ``yellowbrick.gridsearch``)."""

from vizkit.registry import export_family

__all__ = export_family(__name__, __path__, globals())
