"""Contributed visualizers, as in Yellowbrick's ``yellowbrick.contrib``.

Each subpackage is a family of its own: :mod:`vizkit.contrib.missing` draws
the missing values of a dataset.
"""
