"""Decision trees: structure, split feature space, leaves and prediction paths.

Every view reads one tree: a decision or extra tree, one tree of a random
forest, extra trees or gradient boosting (``tree_index``), or the model at
the end of a Pipeline (its features named by the steps before it). Where
dtreeviz draws a view on matplotlib, vizkit wraps it in the visualizer
protocol; the Graphviz-free structure diagram, ensembles and pipelines are
vizkit's own.
"""

from vizkit.registry import export_family

__all__ = export_family(__name__, __path__, globals())
