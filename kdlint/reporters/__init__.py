"""Reporters render a Report to text; the CLI decides where it goes."""

from __future__ import annotations

from kdlint.reporters import github, json_format, junit, markdown, sarif, text

FORMATS = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "markdown": markdown.render,
}


def render(format_name: str, report, **options) -> str:
    return FORMATS[format_name](report, **options)
