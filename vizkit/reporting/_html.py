"""The report as one self-contained HTML page: CSS inline, images as data URIs.

Nothing on the page points outside it (no script, font, stylesheet or image
URL), so the file can be mailed, archived or opened offline.
"""

from __future__ import annotations

import base64
from html import escape
from typing import Any

CSS = """
.vizkit-report { font-family: system-ui, sans-serif; max-width: 60rem;
  margin: 0 auto; padding: 1rem; color: #222; line-height: 1.4; }
.vizkit-report h1 { font-size: 1.6rem; margin-bottom: 0.5rem; }
.vizkit-report h2 { font-size: 1.2rem; margin: 1.5rem 0 0.3rem;
  border-bottom: 1px solid #ddd; }
.vizkit-report table { border-collapse: collapse; margin: 0.5rem 0; }
.vizkit-report th, .vizkit-report td { text-align: left; padding: 0.2rem 0.8rem
  0.2rem 0; vertical-align: top; }
.vizkit-report .reading { font-weight: 600; }
.vizkit-report img { max-width: 100%; height: auto; }
.vizkit-report .skipped { color: #666; }
"""

#: How each metric key reads on the page.
METRIC_NAMES = {
    "accuracy": "Accuracy",
    "balanced_accuracy": "Balanced accuracy",
    "macro_f1": "Macro F1",
    "roc_auc": "ROC AUC",
    "r2": "R²",
    "mae": "MAE",
    "rmse": "RMSE",
    "n_clusters": "Clusters",
    "silhouette": "Silhouette",
    "calinski_harabasz": "Calinski-Harabasz",
    "davies_bouldin": "Davies-Bouldin",
    "adjusted_rand": "Adjusted Rand index (vs y)",
}


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _rows(pairs) -> str:
    cells = "".join(
        f"<tr><th>{escape(str(key))}</th><td>{escape(str(value))}</td></tr>"
        for key, value in pairs
    )
    return f"<table>{cells}</table>"


def _metric_value(name: str, value: float) -> str:
    return f"{value:.0f}" if name == "n_clusters" else f"{value:.4g}"


def _summary(report: Any) -> str:
    metrics = [
        (METRIC_NAMES.get(name, name), _metric_value(name, value))
        for name, value in report.metrics.items()
    ]
    timing = report.seconds
    times = (
        f"{timing.get('total', 0):.2f} s in total, {timing.get('model', 0):.2f} s "
        "inside the model's own fit/predict calls"
    )
    notes = "".join(f"<li>{escape(note)}</li>" for note in report.notes)
    parts = [
        "<h2 id='summary'>Summary</h2>",
        _rows([*report.summary.items(), ("Time", times)]),
        "<h2 id='metrics'>Metrics (test rows)</h2>",
        _rows(metrics),
    ]
    if notes:
        parts += ["<h2 id='notes'>Notes</h2>", f"<ul>{notes}</ul>"]
    return "\n".join(parts)


def _section(section: Any) -> str:
    return (
        f"<section id='{escape(section.name)}'>"
        f"<h2>{escape(section.title)}</h2>"
        f"<p class='reading'>{escape(section.reading)}</p>"
        f"<img src='{data_uri(section.png)}' alt='{escape(section.title)}'>"
        "</section>"
    )


def _contents(report: Any) -> str:
    links = "".join(
        f"<li><a href='#{escape(s.name)}'>{escape(s.title)}</a></li>"
        for s in report.sections
    )
    return f"<nav><ul>{links}</ul></nav>"


def _skipped(report: Any) -> str:
    if not report.skipped:
        return ""
    items = "".join(
        f"<li><b>{escape(title)}</b>: not drawn, {escape(reason)}</li>"
        for title, reason in report.skipped
    )
    return f"<h2 id='skipped'>Not applicable</h2><ul class='skipped'>{items}</ul>"


def fragment(report: Any) -> str:
    """The report as one ``<div>`` with its own style (a notebook's rich display)."""
    body = "\n".join(
        [
            f"<h1>{escape(report.title)}</h1>",
            _contents(report),
            _summary(report),
            *(_section(section) for section in report.sections),
            _skipped(report),
        ]
    )
    return f"<div class='vizkit-report'><style>{CSS}</style>\n{body}\n</div>"


def page(report: Any) -> str:
    """The report as a complete HTML document."""
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(report.title)}</title></head>\n<body>"
        f"{fragment(report)}</body></html>\n"
    )
