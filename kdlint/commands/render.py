"""`kdlint render DIR`: a kustomization's rendered objects as YAML, each with the file and line it came from.

Keys are sorted and lists sit under their key, as `kubectl kustomize` prints them, so the two
outputs can be compared with `diff`.
"""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode

from kdlint.kustomize import Rendering, render


def render_text(directory: Path) -> tuple[str, list[str], Rendering]:
    """(YAML for stdout, one line per note for stderr, the rendering)."""
    rendering = render(directory)
    chunks = []
    for obj in rendering.objects:
        file, line = obj.source()
        chunks.append(f"# Source: {_one_line(file)}:{line}\n{to_yaml(obj.body)}")
    notes = [f"{_one_line(n.file)}:{n.line}:{n.column}: {n.kind}: {_one_line(n.feature)}: {_one_line(n.message)}"
             for n in rendering.notes]
    return "---\n".join(chunks), notes, rendering


def _one_line(text: str) -> str:
    """Text from the input, kept on one line so it cannot forge other output lines."""
    return str(text).encode("unicode_escape").decode("ascii")


def _sorted(value):
    if isinstance(value, dict):
        return {key: _sorted(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted(item) for item in value]
    return value


# words YAML 1.1 reads as booleans: quoted, as kubectl quotes them
_YAML11_WORDS = frozenset("y Y yes Yes YES n N no No NO on On ON off Off OFF".split())


def _yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.width = 1 << 20
    resolver = yaml.resolver

    def represent_str(representer, value: str):
        style = None
        if "\n" in value and not any(line != line.rstrip() for line in value.split("\n")):
            style = "|"
        elif not value or value in _YAML11_WORDS or resolver.resolve(ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str":
            style = '"'
        return representer.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    yaml.representer.add_representer(str, represent_str)
    return yaml


def to_yaml(body: dict) -> str:
    stream = io.StringIO()
    _yaml().dump(_sorted(body), stream)
    return stream.getvalue()
