"""Reporters render a Report to text; the CLI decides where it goes."""

from __future__ import annotations

import importlib

# format name -> module in this package; imported only when that format is asked for
FORMATS = {
    "text": "text",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "markdown": "markdown",
}


def render(format_name: str, report, **options) -> str:
    module = importlib.import_module(f"kdlint.reporters.{FORMATS[format_name]}")
    return module.render(report, **options)
