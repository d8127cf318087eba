"""Read and validate kdlint's configuration; turn it into Settings and a Selection."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from kdlint.findings import Severity
from kdlint.resources import schemas_root
from kdlint.selection import Selection
from kdlint.settings import Settings

CONFIG_FILES = (".kdlint.yaml", ".kdlint.yml")


class ConfigError(Exception):
    """A configuration that cannot be used (exit code 2)."""


@dataclass(frozen=True)
class Config:
    """A config file with the command line's options over it."""

    settings: Settings = field(default_factory=Settings)
    selection: Selection = field(default_factory=Selection)
    fail_on: str = "error"
    exclude: tuple[str, ...] = ()  # gitignore patterns, relative to the config file's folder
    cli_exclude: tuple[str, ...] = ()  # from `--exclude`, relative to the working directory
    context: tuple[str, ...] = ()
    baseline: str | None = None
    jobs: int | None = None  # None: the usable cores
    cache_dir: str | None = None  # relative to the config file; None: .kdlint_cache beside it
    source: str | None = None  # the file it came from


def excludes(config: Config):
    """The exclude patterns of the config file and the command line, each with its base folder."""
    from kdlint.load.discovery import Excludes

    base = Path(config.source).parent if config.source else Path.cwd()
    return Excludes.of((base, config.exclude), (Path.cwd(), config.cli_exclude))


def find_config_file(start: Path) -> Path | None:
    """The nearest config file from `start` up to the repository root (the directory holding .git)."""
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_kdlint_table(pyproject):
            return pyproject
        if (directory / ".git").exists():
            return None
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    try:
        raw = _read(path)
        _validate(raw, path)
    except RecursionError:
        raise ConfigError(f"{path}: the config file is nested too deeply to be a kdlint config") from None
    except ValueError as exc:  # an integer past Python's digit limit
        raise ConfigError(f"{path}: cannot read the config file ({exc})") from None
    return from_mapping(raw, str(path))


def validate_options(options: dict[str, object]) -> None:
    """Command-line values (by config key) checked against the config schema, as the file's are."""
    given = {key: value for key, value in options.items() if value is not None}
    if not given:
        return
    import jsonschema

    for error in jsonschema.Draft7Validator(_schema()).iter_errors(given):
        option = "--" + ".".join(str(p) for p in error.absolute_path)
        problem = f"{error.instance!r} is not {_EXPECTED.get(option, 'valid')}" if error.validator == "pattern" else error.message
        raise ConfigError(f"invalid value for {option}: {problem}")


_EXPECTED = {
    "--cluster-domain": "a DNS domain such as cluster.local",
    "--default-namespace": "a namespace name (lower-case letters, digits and '-')",
}


def from_mapping(raw: dict, source: str | None = None) -> Config:
    from kdlint import rules as registry

    for key in ("select", "ignore"):
        for entry in raw.get(key, ()):
            if not registry.named(entry):
                raise ConfigError(f"{source or 'config'}: `{key}` names an unknown rule `{entry}`; see `kdlint rules`")
    severity = {}
    for ref, level in raw.get("severity", {}).items():
        rule = registry.get(ref)
        if rule is None:
            raise ConfigError(f"{source or 'config'}: `severity` names an unknown rule `{ref}`; see `kdlint rules`")
        severity[rule.META.code] = Severity.parse(level)
    settings = Settings(
        default_namespace=raw.get("default-namespace", "default"),
        cluster_domain=raw.get("cluster-domain", Settings.cluster_domain),
        kubernetes_version=raw.get("kubernetes-version"),
        schema_dirs=tuple(raw.get("schema-dirs", ())),
        scope=raw.get("scope", "auto"),
        max_file_size=raw.get("max-file-size", Settings.max_file_size),
        pod_sources=tuple(sorted(raw.get("pod-sources", {}).items())),
    )
    selection = Selection(
        select=tuple(raw.get("select", ("KD",))),
        ignore=tuple(raw.get("ignore", ())),
        severity=severity,
    )
    return Config(
        settings=settings,
        selection=selection,
        fail_on=raw.get("fail-on", "error"),
        exclude=tuple(raw.get("exclude", ())),
        context=tuple(raw.get("context", ())),
        baseline=raw.get("baseline"),
        cache_dir=raw.get("cache-dir"),
        jobs=raw.get("jobs"),
        source=source,
    )


def with_overrides(config: Config, **changes) -> Config:
    """Command-line options win over the file; None means "not given"."""
    settings_changes = {k: v for k, v in changes.items() if k in Settings.__dataclass_fields__ and v not in (None, ())}
    other = {k: v for k, v in changes.items() if k in Config.__dataclass_fields__ and v not in (None, ())}
    return replace(config, settings=replace(config.settings, **settings_changes), **other)


def _has_kdlint_table(path: Path) -> bool:
    """Whether pyproject.toml has [tool.kdlint]. A file that cannot be read, or that mentions
    tool.kdlint but is no valid TOML, is a config error: never a silent run with defaults."""
    import tomllib  # only when there is a pyproject.toml to look into

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the file ({exc})") from exc
    try:
        return "kdlint" in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError as exc:
        if "tool.kdlint" not in text:
            return False  # another tool's broken settings: not kdlint's to judge
        raise ConfigError(f"{path}: invalid TOML in the config file ({exc})") from exc
    except RecursionError:
        raise ConfigError(f"{path}: the file is nested too deeply to read") from None


def _read(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc})") from exc
    if path.name == "pyproject.toml":
        import tomllib

        try:
            return tomllib.loads(text).get("tool", {}).get("kdlint", {})
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML in the config file ({exc})") from exc
    from kdlint.load.documents import load_documents  # bounded: depth, nodes, long numbers

    documents = [doc for doc in load_documents(str(path), text) if not doc.blank]
    problem = next((doc.error for doc in documents if doc.error is not None), None)
    if problem is not None:
        raise ConfigError(f"{path}:{problem.line}: invalid YAML in the config file ({problem.problem})")
    for duplicate in (dup for doc in documents for dup in doc.duplicates):
        raise ConfigError(f"{path}:{duplicate.line}: `{duplicate.key}` appears twice in the config file (first on line {duplicate.first_line})")
    data = documents[0].body if documents else None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the config must be a mapping of settings, not a {type(data).__name__}")
    return data


def _validate(raw: dict, path: Path) -> None:
    import jsonschema

    if "rules" in raw:  # accepted and ignored by earlier versions: say so instead of a bare schema error
        raise ConfigError(
            f"{path}: `rules` (per-rule options) is not a setting: no kdlint rule takes options. "
            "Remove it; `severity` changes a rule's level and `select`/`ignore` turn rules on or off"
        )
    errors = sorted(jsonschema.Draft7Validator(_schema()).iter_errors(raw), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        where = ".".join(str(p) for p in error.absolute_path) or "(top level)"
        raise ConfigError(f"{path}: invalid config at `{where}`: {error.message}")


def _schema() -> dict:
    import json  # only with a config file or options to check

    return json.loads((schemas_root() / "kdlint-config.schema.json").read_text(encoding="utf-8"))
