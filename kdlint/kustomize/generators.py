"""configMapGenerator and secretGenerator: the objects they make and the hash kustomize appends to their names."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from kdlint.kustomize.files import entries, local, read_text
from kdlint.kustomize.model import as_text

_HASH_LETTERS = str.maketrans({"0": "g", "1": "h", "3": "k", "a": "m", "e": "t"})


class GeneratorError(Exception):
    """A generator entry kustomize would reject; `where` is the path of the entry in the kustomization."""

    def __init__(self, message: str, where: tuple):
        super().__init__(message)
        self.where = where


def content_hash(body: dict) -> str:
    """The 10-character suffix kustomize appends to a generated ConfigMap's or Secret's name.

    kustomize means to hash the name too but looks it up in a way that always finds nothing,
    so the name it hashes is always empty; doing the same keeps the suffixes identical.
    """
    name = ""
    if body.get("kind") == "Secret":
        encoded = {"kind": "Secret", "type": body.get("type", ""), "name": name, "data": body.get("data", "")}
        extra = "stringData"
    else:
        encoded = {"kind": "ConfigMap", "name": name, "data": body.get("data", "")}
        extra = "binaryData"
    if isinstance(body.get(extra), dict):
        encoded[extra] = body[extra]
    text = _go_json(encoded)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10].translate(_HASH_LETTERS)


def _go_json(value) -> str:
    """JSON as Go's encoding/json writes it: sorted keys, no spaces, HTML characters escaped."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _pairs(generator: dict, directory: Path, where: tuple, read) -> list[tuple[str, str, tuple]]:
    """(key, value, path of the kustomization entry it came from) in kustomize's order: envs, literals, files."""
    pairs = []
    env_files = [("envs", i, p) for i, p in enumerate(entries(generator, "envs"))]
    if isinstance(generator.get("env"), str):
        env_files.append(("env", None, generator["env"]))
    for field, index, name in env_files:
        at = where + ((field, index) if index is not None else (field,))
        for number, line in enumerate(read(local(directory, str(name))).split("\n"), 1):
            line = line.lstrip()
            if not line or line.startswith("#"):
                continue
            if "=" not in line:
                raise GeneratorError(f"{name}:{number}: {line!r} takes its value from kustomize's environment, which kdlint does not read", at)
            key, value = line.split("=", 1)
            pairs.append((key, value, at))
    for index, literal in enumerate(entries(generator, "literals")):
        text = str(literal)
        if "=" not in text:
            raise GeneratorError(f"literal {text!r} is not KEY=VALUE", where + ("literals", index))
        key, value = text.split("=", 1)
        pairs.append((key, _unquote(value), where + ("literals", index)))
    for index, item in enumerate(entries(generator, "files")):
        text = str(item)
        key, _, name = text.rpartition("=") if "=" in text else ("", "", text)
        pairs.append((key or Path(name).name, read(local(directory, name)), where + ("files", index)))
    return pairs


def _options(generator: dict, global_options: dict) -> dict:
    local = generator.get("options") if isinstance(generator.get("options"), dict) else {}
    merged = {}
    for field in ("labels", "annotations"):
        values = {**(local.get(field) or {}), **(global_options.get(field) or {})}
        if values:
            merged[field] = {str(k): as_text(v) for k, v in values.items()}
    for flag in ("disableNameSuffixHash", "immutable"):
        merged[flag] = bool(local.get(flag) or global_options.get(flag))
    return merged



def generate(kind: str, generator: dict, where: tuple, directory: Path, global_options: dict, read=read_text):
    """(body, needs hash, {data key: entry path}) for one generator entry."""
    name = generator.get("name")
    if not isinstance(name, str) or not name:
        raise GeneratorError(f"a {kind} generator needs a name", where)
    options = _options(generator, global_options)
    metadata = {"name": name}
    if isinstance(generator.get("namespace"), str):
        metadata["namespace"] = generator["namespace"]
    for field in ("labels", "annotations"):
        if options.get(field):
            metadata[field] = dict(options[field])
    body = {"apiVersion": "v1", "kind": kind, "metadata": metadata}
    data, sources = {}, {}
    for key, value, at in _pairs(generator, directory, where, read):
        if key in data:
            raise GeneratorError(f"{kind} {name}: key {key!r} is given twice", at)
        data[key] = base64.b64encode(value.encode("utf-8")).decode("ascii") if kind == "Secret" else value
        sources[key] = at
    if kind == "Secret":
        body["type"] = str(generator.get("type") or "Opaque")
    if data:
        body["data"] = data
    if options["immutable"]:
        body["immutable"] = True
    return body, not options["disableNameSuffixHash"], sources
