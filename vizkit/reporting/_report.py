"""``vizkit.report``: fit a model once, evaluate it, write one self-contained page."""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from vizkit.reporting import _html
from vizkit.reporting._encode import encode_features
from vizkit.reporting._evaluation import (
    CLUSTERING,
    Evaluation,
    ModelClock,
    evaluate_clustering,
    evaluate_supervised,
)
from vizkit.reporting._inputs import (
    build_model,
    describe_model,
    make_split,
    model_task,
)
from vizkit.reporting._metrics import compute_metrics
from vizkit.reporting._sections import SECTIONS, NotApplicable, Section, render
from vizkit.utils.validation import n_samples_of


@dataclass
class Report:
    """The evaluation of one model: its sections, metrics, notes and timings.

    Attributes
    ----------
    task : {"classification", "regression", "clustering"}
    model : estimator or Pipeline
        The fitted model (a clone of the one given, after the encoder if any).
    sections : list of Section
        The drawn sections, each with ``name``, ``title``, ``reading`` (one
        line with numbers) and ``png`` (bytes).
    skipped : list of (title, reason)
        The sections that did not apply, and why.
    metrics : dict of str to float
        The headline metrics on the test rows.
    notes : list of str
        What the report did that the user should know (the encoding) and the
        user's own notes.
    seconds : dict of str to float
        "total", and "model": the time spent inside the model's own calls.
    summary : dict of str to str
        Task, data, split and model, as shown at the top of the page.
    title : str
    """

    task: str
    model: Any
    sections: list[Section]
    metrics: dict[str, float]
    notes: list[str]
    seconds: dict[str, float]
    summary: dict[str, str]
    title: str
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @cached_property
    def html(self) -> str:
        """The page: one HTML document, images and CSS inline, nothing external."""
        return _html.page(self)

    def write(self, path: str | os.PathLike) -> str:
        """Write the page to ``path`` atomically; returns the path.

        The page goes to a temporary file in the same folder, which then
        replaces ``path`` in one step: a failure leaves no half-written page.
        """
        path = os.fspath(path)
        folder = os.path.dirname(os.path.abspath(path))
        handle, temporary = tempfile.mkstemp(
            dir=folder, prefix=".vizkit-report-", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(self.html)
            os.replace(temporary, path)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
        return path

    def _repr_html_(self) -> str:
        return _html.fragment(self)


def report(
    model, X, y=None, *, X_test=None, y_test=None, test_size=0.25, random_state=0,
    out=None, title=None, notes=(), progress=True,
) -> Report:  # fmt: skip
    """Fit ``model``, evaluate it with every visualizer that applies, build a page.

    The task comes from the model: a classifier, a regressor or a clusterer
    (or a Pipeline ending in one). A clone of the model is fitted once on the
    training rows; its predictions (and class scores) on the test rows are
    computed once and every section is drawn from them. Text, categorical
    and boolean columns of a DataFrame ``X`` are one-hot encoded by a
    ``ColumnTransformer`` placed before the model, and the page says so.

    Parameters
    ----------
    model : scikit-learn estimator or Pipeline
        The model to evaluate; it is cloned, never modified.
    X : array-like or DataFrame of shape (n_samples, n_features)
        The data.
    y : array-like of shape (n_samples,), default=None
        The target; required for classifiers and regressors. For a clusterer,
        it is compared with the clusters (adjusted Rand index).
    X_test, y_test : array-like, default=None
        A test set of your own (both or neither); else X is split. Not for
        clusterers, which are fitted on and described with X.
    test_size : float or int, default=0.25
        The fraction (or number) of rows held out for testing (stratified by
        class for classifiers).
    random_state : int, default=0
        Seed of the split.
    out : str or path, default=None
        Write the page there (atomically).
    title : str, default=None
        The page title; None gives "<Model> report".
    notes : sequence of str, default=()
        Lines of your own, listed with the report's notes.
    progress : bool, default=True
        Show a progress bar (tqdm, on stderr) over the steps.

    Returns
    -------
    Report
    """
    start = time.perf_counter()
    task = model_task(model)
    split = make_split(task, X, y, X_test, y_test, test_size, random_state)
    preprocessor, encoding = encode_features(X)
    all_notes = [str(note) for note in notes] + ([encoding] if encoding else [])
    estimator = build_model(model, preprocessor)
    specs = SECTIONS[task]
    clock = ModelClock()
    with _progress(len(specs) + 3, progress) as bar:
        bar.set_description("fitting the model")
        ev = _evaluate(task, estimator, split, clock)
        bar.update()
        bar.set_description("metrics")
        metrics = compute_metrics(ev)
        bar.update()
        sections, skipped = _build_sections(specs, ev, bar)
        bar.set_description("page")
        result = Report(
            task=task, model=estimator, sections=sections, metrics=metrics,
            notes=all_notes, seconds={}, skipped=skipped,
            summary=_summary(task, model, X, split),
            title=title or f"{type(model).__name__} report",
        )  # fmt: skip
        result.seconds.update(total=time.perf_counter() - start, model=clock.seconds)
        if out is not None:
            result.write(out)
        bar.update()
    return result


def _evaluate(task: str, estimator: Any, split, clock: ModelClock) -> Evaluation:
    if task == CLUSTERING:
        return evaluate_clustering(estimator, split, clock)
    return evaluate_supervised(task, estimator, split, clock)


def _build_sections(specs, ev: Evaluation, bar) -> tuple[list, list]:
    """Draw each section that applies; note why the others do not."""
    sections, skipped = [], []
    for spec in specs:
        bar.set_description(spec.title)
        try:
            sections.append(render(spec, ev))
        except NotApplicable as reason:
            skipped.append((spec.title, str(reason)))
        bar.update()
    return sections, skipped


def _summary(task: str, model: Any, X: Any, split) -> dict[str, str]:
    shape = getattr(X, "shape", None) or np.shape(X)
    n_columns = shape[1] if len(shape) > 1 else 1
    return {
        "Task": task,
        "Data": f"{n_samples_of(X, 'X'):,} rows x {n_columns} columns",
        "Split": split.description,
        "Model": describe_model(model),
    }


def _progress(total: int, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, disable=not enabled, unit="step", leave=False)
