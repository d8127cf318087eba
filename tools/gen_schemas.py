#!/usr/bin/env python3
"""Generate kdlint's compact, offline Kubernetes schema set.

Development-time tool only: kdlint never downloads anything at install, test or
run time.  This script reads the per-version JSON schemas shipped inside one
pinned wheel of the ``kubernetes-validate`` PyPI package (Apache-2.0; the
schemas are derived from the Kubernetes OpenAPI spec) and writes:

``schemas/kubernetes/definitions.json.gz``
    ``{"format": 1, "definitions": {name: [variant, ...]}}``: every definition
    name with the distinct (post-stripping) bodies it has across all shipped
    versions.  Identical bodies are stored once.

``schemas/kubernetes/versions.json.gz``
    ``{"format": 1, "source": {...}, "versions": {"1.25": {"definitions":
    {name: variant_index}, "kinds": {apiVersion: {kind: name}}}, ...}}``.

Doc-only keywords (descriptions, patch/list/map strategy hints, CEL rules,
formats, defaults, examples, ...) are stripped.  The non-strict variant of the
source schemas is used; kdlint applies strictness itself when loading
(see ``kdlint/schema/store.py``).

Usage::

    python tools/gen_schemas.py                 # pip download the pinned wheel
    python tools/gen_schemas.py --wheel PATH    # use an already downloaded wheel

The wheel's sha256 is checked against the pin below.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "kubernetes-validate"
PACKAGE_VERSION = "1.37.0"
WHEEL_FILENAME = "kubernetes_validate-1.37.0-py3-none-any.whl"
WHEEL_SHA256 = "85136d018a27b50ec7fc049d902bfa5193f5976807e6c0f408e3ab6fe078cad9"

OLDEST_MINOR = (1, 25)

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "schemas" / "kubernetes"

# Keys that only document a schema; they never change what validates.
DOC_ONLY_KEYS = frozenset(
    {
        "description",
        "title",
        "format",
        "default",
        "example",
        "examples",
        "externalDocs",
        "discriminator",
        "x-kubernetes-group-version-kind",
        "x-kubernetes-list-map-keys",
        "x-kubernetes-list-type",
        "x-kubernetes-map-type",
        "x-kubernetes-patch-merge-key",
        "x-kubernetes-patch-strategy",
        "x-kubernetes-unions",
        "x-kubernetes-validations",
    }
)

# Kinds indexed under every API group; they are API machinery, not manifests.
SKIP_KINDS = frozenset({"WatchEvent", "DeleteOptions"})

_DIR_RE = re.compile(r"^kubernetes_validate/kubernetes-json-schema/v(\d+)\.(\d+)\.0-local/_definitions\.json$")
_SCHEMA_MAP_KEYS = ("properties", "patternProperties", "$defs", "definitions")
_SCHEMA_LIST_KEYS = ("allOf", "anyOf", "oneOf")
_SCHEMA_ONE_KEYS = ("not", "additionalProperties", "additionalItems", "items")


def strip_schema(node):
    """Return a copy of schema ``node`` without doc-only keywords.

    Walks the schema structurally so that a *property* called ``description``
    (e.g. in the CRD's JSONSchemaProps) is kept while the *keyword* is dropped.
    """
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in DOC_ONLY_KEYS:
            continue
        if key in _SCHEMA_MAP_KEYS and isinstance(value, dict):
            out[key] = {name: strip_schema(sub) for name, sub in value.items()}
        elif key in _SCHEMA_LIST_KEYS and isinstance(value, list):
            out[key] = [strip_schema(sub) for sub in value]
        elif key in _SCHEMA_ONE_KEYS:
            if isinstance(value, list):
                out[key] = [strip_schema(sub) for sub in value]
            else:
                out[key] = strip_schema(value)
        else:
            out[key] = value
    return out


def api_version_of(gvk: dict) -> str:
    group = gvk.get("group") or ""
    return f"{group}/{gvk['version']}" if group else gvk["version"]


def canonical(obj) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"))


def read_wheel(wheel: Path) -> dict[str, dict]:
    """Map "1.25" -> the ``$defs`` of that version's _definitions.json."""
    result: dict[tuple[int, int], dict] = {}
    with zipfile.ZipFile(wheel) as zf:
        for name in zf.namelist():
            m = _DIR_RE.match(name)
            if not m:
                continue
            minor = (int(m.group(1)), int(m.group(2)))
            if minor < OLDEST_MINOR:
                continue
            with zf.open(name) as fh:
                result[minor] = json.load(fh)["$defs"]
    return {f"{a}.{b}": result[(a, b)] for a, b in sorted(result)}


def build(per_version: dict[str, dict]) -> tuple[dict, dict]:
    variants: dict[str, list] = {}
    variant_keys: dict[str, dict[str, int]] = {}
    versions: dict[str, dict] = {}
    for version, defs in per_version.items():
        def_index: dict[str, int] = {}
        kinds: dict[str, dict[str, str]] = {}
        for name in sorted(defs):
            raw = defs[name]
            for gvk in raw.get("x-kubernetes-group-version-kind", []):
                if gvk["kind"] in SKIP_KINDS:
                    continue
                kinds.setdefault(api_version_of(gvk), {})[gvk["kind"]] = name
            body = strip_schema(raw)
            key = canonical(body)
            seen = variant_keys.setdefault(name, {})
            if key not in seen:
                seen[key] = len(variants.setdefault(name, []))
                variants[name].append(body)
            def_index[name] = seen[key]
        versions[version] = {
            "definitions": def_index,
            "kinds": {av: dict(sorted(k.items())) for av, k in sorted(kinds.items())},
        }
    return dict(sorted(variants.items())), versions


def write_gz(path: Path, obj) -> int:
    data = json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()
    buf = io.BytesIO()
    # mtime=0 and no file name: byte-for-byte reproducible output.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(data)
    path.write_bytes(buf.getvalue())
    return len(buf.getvalue())


def fetch_wheel(dest: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
         f"{PACKAGE}=={PACKAGE_VERSION}", "-d", str(dest)],
        check=True,
    )
    return dest / WHEEL_FILENAME


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheel", type=Path, help=f"path to {WHEEL_FILENAME} (default: pip download it)")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if digest != WHEEL_SHA256:
            print(f"sha256 mismatch for {wheel}: {digest} != {WHEEL_SHA256}", file=sys.stderr)
            return 1
        per_version = read_wheel(wheel)

    definitions, versions = build(per_version)
    args.out.mkdir(parents=True, exist_ok=True)
    n_defs = write_gz(args.out / "definitions.json.gz", {"format": 1, "definitions": definitions})
    n_vers = write_gz(
        args.out / "versions.json.gz",
        {
            "format": 1,
            "source": {"package": PACKAGE, "version": PACKAGE_VERSION, "wheel": WHEEL_FILENAME,
                       "sha256": WHEEL_SHA256},
            "versions": versions,
        },
    )
    n_variants = sum(len(v) for v in definitions.values())
    print(f"versions: {', '.join(versions)}")
    print(f"definitions: {len(definitions)} names, {n_variants} distinct bodies")
    print(f"definitions.json.gz: {n_defs} bytes; versions.json.gz: {n_vers} bytes; total {n_defs + n_vers}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
