"""Reproducible timings of vizkit against its peers (see README.md)."""
