"""JSON schemas from ``--schema-dir`` directories, for kinds the bundled schemas lack.

Two layouts are understood, both with a lower-case kind:

* ``{kind}-{group}-{version}.json``, as kubeconform names them, where ``{group}`` is the first
  label of the API group (``certificate-cert-manager-v1.json``) and is left out for the core
  group (``service-v1.json``);
* ``{group}/{kind}_{version}.json``, the layout of the CRDs-catalog
  (``cert-manager.io/certificate_v1.json``).

Every ``*.json`` file in a directory (and its subdirectories) is read when the directories are
loaded, so a directory that does not exist or a file that is not JSON is reported up front as a
configuration error naming it.  Loaded sets are cached by the directories' names and file
stamps, so the command line's check and the rules share one load.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from kdlint.schema.patterns import rejected_patterns
from kdlint.schema.structural import schema_dir_schema
from kdlint.schema.validate import CompiledSchema


LAYOUTS = "{kind}-{group}-{version}.json or {group}/{kind}_{version}.json"


class SchemaDirError(ValueError):
    """A schema directory that cannot be used."""


class SchemaDirs:
    def __init__(self, schemas: dict[tuple[str, str, str], tuple[str, dict]]):
        self._schemas = schemas  # (group or its first label, version, kind) -> (file, schema)
        self._compiled: dict[tuple, CompiledSchema] = {}

    def __len__(self) -> int:
        return len(self._schemas)

    def lookup(self, api_version: str, kind: str, object_meta: dict | None = None) -> tuple[str, CompiledSchema] | None:
        """(file, compiled schema) for resources of ``api_version``/``kind``, if a directory has one;
        ``object_meta`` is the schema their ``metadata`` is checked against."""
        group, _, version = api_version.rpartition("/")
        keys = ((group, version, kind.lower()), (group.split(".")[0], version, kind.lower()))
        for key in keys:
            if key in self._schemas:
                compiled_key = key + (id(object_meta),)  # the metadata schema differs between versions
                if compiled_key not in self._compiled:
                    self._compiled[compiled_key] = CompiledSchema(schema_dir_schema(self._schemas[key][1], object_meta))
                return self._schemas[key][0], self._compiled[compiled_key]
        return None


def load_schema_dirs(dirs) -> SchemaDirs:
    """The schemas of ``dirs``; raises SchemaDirError for a missing directory or a bad file."""
    stamps = []
    for directory in dirs:
        root = Path(directory)
        if not root.is_dir():
            raise SchemaDirError(f"schema directory {directory} does not exist" if not root.exists() else f"{directory} is not a directory")
        for path in sorted(root.rglob("*.json")):
            try:
                info = path.stat()
            except OSError as exc:
                raise SchemaDirError(f"{path}: cannot read the schema ({exc.strerror})") from exc
            stamps.append((str(path), str(root), info.st_mtime_ns, info.st_size))
    return _load(tuple(stamps))


@lru_cache(maxsize=4)
def _load(stamps: tuple) -> SchemaDirs:
    schemas: dict = {}
    for file, root, _mtime, _size in stamps:
        key = _key(Path(file), Path(root))
        try:
            schema = json.loads(Path(file).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise SchemaDirError(f"{file}: cannot read the schema ({exc})") from exc
        except json.JSONDecodeError as exc:
            raise SchemaDirError(f"{file}:{exc.lineno}:{exc.colno}: invalid JSON in a schema directory ({exc.msg})") from exc
        except RecursionError:
            raise SchemaDirError(f"{file}: the schema is nested too deeply to read") from None
        except ValueError as exc:  # an integer past Python's digit limit
            raise SchemaDirError(f"{file}: cannot read the schema ({exc})") from None
        if not isinstance(schema, dict):
            raise SchemaDirError(f"{file}: a schema must be a JSON object, not {type(schema).__name__}")
        for where, pattern in rejected_patterns(schema):
            shown = ".".join(str(part) for part in where)
            raise SchemaDirError(
                f"{file}: `{shown}` is {pattern!r}, which is not a regular expression Kubernetes accepts "
                "(RE2 syntax: no backreferences or lookarounds)"
            )
        if key is not None:
            schemas.setdefault(key, (file, schema))  # the first directory given wins
    return SchemaDirs(schemas)


def _key(path: Path, root: Path) -> tuple[str, str, str] | None:
    stem = path.stem.lower()
    relative = path.relative_to(root).parts
    if len(relative) == 2 and "_" in stem:  # {group}/{kind}_{version}.json
        kind, _, version = stem.rpartition("_")
        return (relative[0], version, kind)
    if len(relative) == 1 and "-" in stem:  # {kind}-{group}-{version}.json
        parts = stem.split("-")
        return ("-".join(parts[1:-1]), parts[-1], parts[0])
    return None
