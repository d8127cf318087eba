"""The command line: arguments -> config -> engine -> reporters -> exit code. Nothing else."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kdlint import __version__
from kdlint.collector import for_one_run, frozen_at_exit
from kdlint.config import Config, ConfigError, excludes, find_config_file, load_config, validate_options, with_overrides
from kdlint.dns import DEFAULT_CLUSTER_DOMAIN
from kdlint.escaping import safe_output
from kdlint.findings import Severity
from kdlint.load.sources import STDIN, InputError, SourceFile, decode
from kdlint.output_files import OutputError, file_identity, write_report
from kdlint.selection import Selection

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

frozen_at_exit()  # see kdlint.collector (about 6 ms of a run on one small file)
FAIL_LEVELS = ("error", "warning", "info", "never")


class KdlintGroup(click.Group):
    """Turns unexpected exceptions into a one-line error and exit code 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except (ConfigError, InputError, OutputError) as exc:
            click.echo(f"kdlint: error: {exc}", err=True)
            sys.exit(EXIT_ERROR)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if os.environ.get("KDLINT_DEBUG"):
                raise
            click.echo(f"kdlint: internal error: {type(exc).__name__}: {exc} (set KDLINT_DEBUG=1 for details)", err=True)
            sys.exit(EXIT_ERROR)


# One instance of each path type for every option: each one click makes looks up translations.
A_FILE = click.Path(dir_okay=False)
A_FILE_PATH = click.Path(dir_okay=False, path_type=Path)
A_FOLDER_PATH = click.Path(file_okay=False, path_type=Path)
AN_EXISTING_FOLDER = click.Path(exists=True, file_okay=False, path_type=Path)
ANY_PATH = click.Path(path_type=str)


@click.group(cls=KdlintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kdlint")
def main():
    """kdlint: find what breaks Kubernetes service discovery before you apply it."""


def _split(values) -> tuple[str, ...]:
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


def config_options(command):
    """Options shared by every command that reads manifests."""
    options = [
        click.option("-c", "--config", "config_path", type=A_FILE_PATH, help="Config file (default: .kdlint.yaml or [tool.kdlint] in pyproject.toml, searched upwards)."),
        click.option("--default-namespace", help="Namespace of objects that do not name one (default: default)."),
        click.option("--cluster-domain", help=f"Cluster DNS domain (default: {DEFAULT_CLUSTER_DOMAIN})."),
        click.option("--kubernetes-version", help="Validate against this Kubernetes version, e.g. 1.29 (default: newest shipped)."),
        click.option("--schema-dir", "schema_dirs", multiple=True, type=ANY_PATH, help="Extra JSON schemas for custom resources (repeatable)."),
        click.option("--scope", type=click.Choice(["auto", "run", "dir", "file"]), help="What is deployed together: auto (kustomizations and variants, the default), run (all input), dir (each path), file."),
        click.option("--stdin-filename", help="Name to report for input read from `-`."),
        click.option("--exclude", "cli_exclude", multiple=True, help="Skip files and folders matching this gitignore-style pattern, relative to the working directory (repeatable)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def manifest_paths(paths) -> list[str]:
    """The PATHS of a command that reads manifests; none means the current directory, said on stderr."""
    if paths:
        return list(paths)
    click.echo("kdlint: no paths given: reading the current directory", err=True)
    return ["."]


def build_config(config_path, **overrides) -> Config:
    validate_options({
        "cluster-domain": overrides.get("cluster_domain"),
        "default-namespace": overrides.get("default_namespace"),
    })  # --kubernetes-version is checked against the shipped versions, which the message lists
    path = config_path if config_path else find_config_file(Path.cwd())
    if config_path and not config_path.is_file():
        raise ConfigError(f"{config_path}: config file not found")
    config = load_config(path)
    # schema directories named in the config file are relative to it; the command line's add to them
    config_dirs = tuple(_config_relative(config, d) for d in config.settings.schema_dirs)
    overrides["schema_dirs"] = config_dirs + tuple(overrides.get("schema_dirs") or ())
    config = with_overrides(config, **overrides)
    _check_kubernetes_version(config)
    return config


def read_inputs(paths, config: Config, stdin_filename: str | None, skip=frozenset(), stdin_data: bytes | None = None) -> list[SourceFile]:
    from kdlint.load import c_parser_installed

    if not c_parser_installed():
        click.echo("kdlint: warning: ruamel.yaml's C parser is not installed; loading is 15-30x slower "
                   "(pip install 'ruamel.yaml[oldlibyaml]')", err=True)
    from kdlint.load.discovery import read_files

    file_args = [p for p in paths if p != STDIN]
    sources = read_files(file_args, config.settings.max_file_size, excludes(config), skip=skip)
    if STDIN in paths:
        limit = config.settings.max_file_size
        # bounded like a file (/dev/zero cannot exhaust memory): one byte past the limit tells
        data = sys.stdin.buffer.read(limit + 1) if stdin_data is None else stdin_data
        name = stdin_filename or "<stdin>"
        if len(data) > limit:
            sources.append(SourceFile(name, None, f"standard input is over the {limit:,}-byte limit (max-file-size)", root=STDIN))
        else:
            if not data.strip():
                click.echo(f"kdlint: warning: standard input ({name}) is empty; nothing to check", err=True)
            sources.append(decode(name, data, root=STDIN))
    if not sources and file_args:
        click.echo(f"kdlint: warning: no YAML or JSON files found under {', '.join(file_args)}", err=True)
    return sources


FORMATS = ("text", "json", "sarif", "github", "junit", "markdown")
PROGRESS_MIN_FILES = 300  # below this a run is over before progress would help


def lint_options(command):
    """Options that choose what is checked, shared by `check` and `baseline`."""
    options = [
        click.option("--select", multiple=True, help="Only these rules: codes, prefixes (KD3) or names; comma-separated."),
        click.option("--ignore", multiple=True, help="Skip these rules: codes, prefixes or names; comma-separated."),
        click.option("--context", "context_paths", multiple=True, type=ANY_PATH, help="Also load these files or directories for the cross-object rules, without reporting on them (repeatable)."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), help="Processes that parse files (default: the usable cores; 1: in this process)."),
        click.option("--no-cache", is_flag=True, help="Parse every file, neither reading nor writing the cache."),
        click.option("--cache-dir", type=A_FOLDER_PATH, envvar="KDLINT_CACHE_DIR", help="Folder of the content cache (default: .kdlint_cache at the project root; env KDLINT_CACHE_DIR)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@main.command(short_help="Lint manifests (files, directories, - for stdin).")
@click.argument("paths", nargs=-1)
@config_options
@lint_options
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(FORMATS), help="Report format (repeatable, paired with --output; one at most on stdout).")
@click.option("-o", "--output", "outputs", multiple=True, type=A_FILE, help="Write the report of the matching --format to this file (missing folders are created).")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), help="Exit 1 when a finding is at or above this severity (default: error).")
@click.option("--baseline", "baseline_path", type=A_FILE_PATH, help="Leave out the findings this baseline lists (see `kdlint baseline`).")
@click.option("--statistics", is_flag=True, help="Also print how many findings each rule has.")
@click.option("--show-source/--no-show-source", default=None, help="Show the source line under each finding (default: on a terminal).")
@click.option("-q", "--quiet", is_flag=True, help="Text report: the findings only, no summary line.")
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply the safe fixes in place (standard input: print the fixed text), then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that change behaviour (implies --fix unless --diff).")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff and change nothing; exit 1 if there is something to fix.")
def check(paths, formats, outputs, fail_on, baseline_path, statistics, show_source, quiet, apply_fixes, unsafe_fixes, show_diff, **options):
    """Lint manifests: files, directories (recursive), or - for standard input.

    With no PATHS, the current directory is read."""
    from kdlint.reporters import render
    from kdlint.reporters.locations import repository_prefix

    outputs = tuple(os.path.normpath(output) if output else output for output in outputs)
    _check_report_targets(formats, outputs)
    if show_diff or apply_fixes or unsafe_fixes:
        report, config, inputs = fix_and_lint(manifest_paths(paths), baseline_path, unsafe_fixes, show_diff, fail_on, **options)
    else:
        report, config, inputs = run_lint(manifest_paths(paths), baseline_path=baseline_path, **options)
    fail_on = fail_on or config.fail_on

    formats = formats or ("text",)
    color = use_color(sys.stdout)
    prefix = repository_prefix(Path.cwd())
    for index, format_name in enumerate(formats):
        to_file = index < len(outputs)
        source = show_source if show_source is not None else (not to_file and sys.stdout.isatty())
        text = render(format_name, report, color=color and not to_file, show_source=source, path_prefix=prefix,
                      fail_on=fail_on, quiet=quiet)
        if to_file:
            write_report(outputs[index], text, inputs)
        else:
            click.echo(text, nl=False, color=color)
    if statistics:
        # machine-readable output on stdout must stay parseable
        on_stdout = [f for i, f in enumerate(formats) if i >= len(outputs)]
        click.echo(rule_statistics(report), nl=False, err=any(f != "text" for f in on_stdout))
    sys.exit(exit_code(report, fail_on))


def _check_report_targets(formats, outputs) -> None:
    """Each --output takes the --format at its position; the formats left over go to stdout,
    where only one document can be read back."""
    if len(outputs) > max(len(formats), 1):
        raise click.UsageError("each --output needs its own --format before it")
    on_stdout = formats[len(outputs):]
    if len(on_stdout) > 1:
        raise click.UsageError(
            f"{len(on_stdout)} formats ({', '.join(on_stdout)}) would all go to stdout; "
            "give each but one its own --output FILE"
        )
    seen: set[str] = set()
    for output in outputs:
        key = os.path.abspath(output)
        if key in seen:
            raise click.UsageError(f"--output {output} is given twice: each report needs its own file")
        seen.add(key)


@main.command("baseline", short_help="Record today's findings to fail only on new ones.")
@click.argument("paths", nargs=-1)
@config_options
@lint_options
@click.option("-o", "--output", required=True, type=A_FILE, help="The baseline file to write.")
def baseline_command(paths, output, **options):
    """Record the current findings, so that `kdlint check --baseline FILE` fails only on new ones.

    With no PATHS, the current directory is read."""
    from kdlint import baseline

    report, _, inputs = run_lint(manifest_paths(paths), apply_baseline=False, **options)
    write_report(output, baseline.dump(report.findings, Path(output).parent), inputs)
    click.echo(f"kdlint: wrote {len(report.findings)} finding(s) to {output}", err=True)


def run_lint(paths, select, ignore, context_paths, config_path, stdin_filename, baseline_path=None, apply_baseline=True, **overrides):
    run = prepare_run(paths, select, ignore, context_paths, config_path, stdin_filename, baseline_path, apply_baseline, **overrides)
    progress = ProgressLine() if len(run.sources) + len(run.context) >= PROGRESS_MIN_FILES and sys.stderr.isatty() else None
    for_one_run()  # see kdlint.collector (half a second on 10,000 objects)
    report = run.lint(run.sources, progress=progress)
    run.close()
    if progress is not None:
        progress.clear()
    if run.known is not None:
        from kdlint import baseline

        report = baseline.apply(report, run.known, Path(run.baseline_file).parent)
    return report, run.config, InputFiles(run)


def fix_and_lint(paths, baseline_path, unsafe: bool, diff_only: bool, fail_on: str | None, **options):
    """--fix / --diff: apply (or show) the fixes; the report of what remains, or None after --diff."""
    from kdlint import baseline
    from kdlint.commands.fix import run_fix

    run = prepare_run(paths, baseline_path=baseline_path, **options)
    result = run_fix(run, unsafe=unsafe, write=not diff_only)
    run.close()
    for problem in result.skipped:
        click.echo(f"kdlint: warning: {problem}", err=True)
    count = len(result.outcome.applied)
    if diff_only:
        click.echo(result.diff, nl=False)
        click.echo(f"kdlint: {count} fix(es) would be applied" if count else "kdlint: nothing to fix", err=True)
        sys.exit(EXIT_FINDINGS if result.diff else EXIT_CLEAN)
    report = result.outcome.report
    if run.known is not None:
        report = baseline.apply(report, run.known, Path(run.baseline_file).parent)
    report.fixed = count
    if result.stdin_text is not None:
        sys.stdout.buffer.write(result.stdin_text)
        sys.stdout.flush()
        # the fixed text owns standard output: the report of what remains goes to standard error
        from kdlint.reporters import render

        click.echo(render("text", report), nl=False, err=True)
        sys.exit(exit_code(report, fail_on or run.config.fail_on))
    return report, run.config, InputFiles(run)


class PreparedRun:
    """A check's inputs, config and selection, ready to lint (once, or once per fix pass)."""

    def __init__(self, config, selection, sources, context, known, baseline_file, stdin_data, cache=None, jobs=1):
        self.config, self.selection = config, selection
        self.sources, self.context = sources, context
        self.known, self.baseline_file = known, baseline_file
        self.stdin_data = stdin_data  # the bytes read from `-`, when it was named
        self.cache, self.jobs = cache, jobs  # kdlint.cache.ContentCache or None; processes that parse

    def lint(self, sources, progress=None):
        from kdlint import run_cache

        return run_cache.lint(sources, self.config.settings, self.selection, self.context, progress, self.cache, self.jobs)

    def close(self) -> None:
        """Write what the runs added to the cache."""
        if self.cache is not None:
            self.cache.flush()


def prepare_run(paths, select, ignore, context_paths, config_path, stdin_filename, baseline_path=None, apply_baseline=True,
                jobs=None, no_cache=False, cache_dir=None, **overrides) -> PreparedRun:
    config = build_config(config_path, **overrides)
    baseline_file = (baseline_path or _config_relative(config, config.baseline)) if apply_baseline else None
    known = None
    if baseline_file:  # a bad baseline fails before the run
        from kdlint import baseline

        known = baseline.load(Path(baseline_file))
    selection = config.selection
    if select or ignore:
        selection = Selection(
            select=_split(select) or selection.select,
            ignore=selection.ignore + _split(ignore),
            severity=selection.severity,
        )
        _check_rule_refs(selection.select + selection.ignore)
    _check_schema_dirs(config)
    own = _own_files(config, baseline_path)
    stdin_data = sys.stdin.buffer.read(config.settings.max_file_size + 1) if STDIN in paths else None  # bounded
    sources = read_inputs(paths, config, stdin_filename, own, stdin_data)
    context_args = list(context_paths) + [_config_relative(config, p) for p in config.context]
    context = read_context(context_args, config, {s.path for s in sources}, own)
    cache = None if no_cache else open_cache(config, cache_dir)
    if jobs is None:
        from kdlint.load import usable_cores

        jobs = config.jobs or usable_cores()
    return PreparedRun(config, selection, sources, context, known, baseline_file, stdin_data, cache, jobs)


class InputFiles:
    """The file_identity of every file the run read, so that no report is written over one:
    looked up only when a report is written to a file (a stat per input file costs time)."""

    def __init__(self, run) -> None:
        self._run = run
        self._identities: set | None = None

    def __contains__(self, identity) -> bool:
        if self._identities is None:
            self._identities = _input_identities(self._run)
        return identity in self._identities


def _input_identities(run) -> set:
    """What the run read, so that no report is written over it."""
    sources = [*run.sources, *run.context]
    paths = [s.path for s in sources if s.root != STDIN] + [p for p in (run.config.source, run.baseline_file) if p]
    identities = {file_identity(p) for p in paths}
    if any(s.root == STDIN for s in sources):
        try:
            identities.add(file_identity(sys.stdin.fileno()))
        except (OSError, ValueError):  # no file behind standard input
            pass
    identities.discard(None)
    return identities


def read_context(paths, config: Config, named: set[str], skip=frozenset()) -> list[SourceFile]:
    """Context folders inside a git work tree give the files git tracks, not untracked drafts."""
    from kdlint.load.discovery import read_files

    sources = read_files(paths, config.settings.max_file_size, excludes(config), tracked_only=True, skip=skip)
    return [source for source in sources if source.path not in named]


def _own_files(config: Config, baseline_path=None) -> frozenset[str]:
    """kdlint's own files that are never manifests: the baselines (the config file is skipped by name)."""
    baselines = (baseline_path, _config_relative(config, config.baseline))
    return frozenset(os.path.realpath(b) for b in baselines if b)


def cache_directory(config: Config, cache_dir: Path | None) -> Path:
    from kdlint.cache import default_directory

    if cache_dir is not None:
        return cache_dir
    if config.cache_dir:
        return Path(_config_relative(config, config.cache_dir))
    return default_directory(config.source)


def open_cache(config: Config, cache_dir: Path | None):
    from kdlint.cache import ContentCache

    return ContentCache(cache_directory(config, cache_dir))


def _config_relative(config: Config, path: str | None) -> str | None:
    """Paths in a config file are relative to the file's directory."""
    if path is None or config.source is None:
        return path
    return os.path.normpath(os.path.join(os.path.dirname(config.source), path))


def use_color(stream) -> bool:
    """Colour on a terminal only; NO_COLOR turns it off, FORCE_COLOR on (NO_COLOR wins)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def rule_statistics(report) -> str:
    counts: dict[tuple[str, str], int] = {}
    for finding in report.findings:
        counts[(finding.code, finding.name)] = counts.get((finding.code, finding.name), 0) + 1
    lines = [f"{count:>6}  {code}  {name}" for (code, name), count in sorted(counts.items())]
    lines.append(f"{len(report.findings):>6}  finding(s) in total")
    return "\n".join(lines) + "\n"


class ProgressLine:
    """`kdlint: 1200/5000 files` on standard error, rewritten in place."""

    def __init__(self):
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        percent = done * 100 // total
        if percent != self.shown:
            self.shown = percent
            sys.stderr.write(f"\rkdlint: loading {done}/{total} files ({percent}%)")
            sys.stderr.flush()

    def clear(self) -> None:
        sys.stderr.write("\r\033[K")  # erase the line, so the report starts on a clean one
        sys.stderr.flush()


def _check_rule_refs(entries) -> None:
    from kdlint import rules as registry

    for entry in entries:
        if not registry.named(entry):
            raise click.UsageError(f"unknown rule `{entry}`; see `kdlint rules`")


def _check_kubernetes_version(config: Config) -> None:
    version = config.settings.kubernetes_version
    if version is None:
        return
    try:
        from kdlint.schema.store import pick_version
    except ImportError:  # pragma: no cover - schema package missing from a broken install
        return
    try:
        used = pick_version(version)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    asked = ".".join(str(version).lstrip("v").split(".")[:2])
    if used != asked:
        click.echo(f"kdlint: note: no schemas for Kubernetes {asked} are shipped; checking against {used}, "
                   "the newest shipped version before it", err=True)


def _check_schema_dirs(config: Config) -> None:
    """A schema directory that does not exist, or holds a file that is not JSON, is a config error."""
    if not config.settings.schema_dirs:
        return
    from kdlint.schema.schema_dirs import SchemaDirError, load_schema_dirs

    try:
        load_schema_dirs(config.settings.schema_dirs)
    except SchemaDirError as exc:
        raise ConfigError(str(exc)) from exc


def exit_code(report, fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_CLEAN
    threshold = Severity.parse(fail_on)
    return EXIT_FINDINGS if any(f.severity >= threshold for f in report.findings) else EXIT_CLEAN


@main.group("cache", short_help="Remove the content cache.")
def cache_group():
    """The content cache of parsed files (.kdlint_cache at the project root)."""


@cache_group.command("clean")
@click.option("--config", "config_path", type=A_FILE_PATH, help="Config file (default: searched upwards).")
@click.option("--cache-dir", type=A_FOLDER_PATH, envvar="KDLINT_CACHE_DIR", help="Folder of the content cache.")
def cache_clean(config_path, cache_dir):
    """Remove the content cache."""
    from kdlint.cache import clean

    directory = cache_directory(build_config(config_path), cache_dir)
    removed = clean(directory)
    click.echo(f"kdlint: {'removed' if removed else 'no kdlint cache at'} {directory}", err=True)


@main.command("rules", short_help="List every rule.")
def list_rules():
    """List every rule: code, name, default severity, what it judges, whether `--fix` can fix it, and summary."""
    from kdlint import rules as registry
    from kdlint.rulebook import judges

    width = max(len(judges(rule.META)) for rule in registry.all_rules())
    for rule in registry.all_rules():
        meta = rule.META
        fixes = "fix" if str(meta.fix) != "none" else ""
        click.echo(f"{meta.code}  {meta.name:<32} {str(meta.severity):<8} {judges(meta):<{width}} {fixes:<4} {meta.summary}")


@main.command("rule", short_help="Print a rule's page.")
@click.argument("code_or_name")
def show_rule(code_or_name):
    """Print a rule's page from the rule book."""
    from kdlint import rulebook, rules as registry

    rule = registry.get(code_or_name)
    if rule is None:
        raise click.UsageError(f"unknown rule `{code_or_name}`; see `kdlint rules`")
    click.echo(rulebook.page(rule.META), nl=False)


# --- discovery views: `kdlint endpoints` and `kdlint graph` (logic in kdlint/commands/) -------


@main.command("endpoints", short_help="Static `kubectl get endpoints`: the pods behind each Service.")
@click.argument("paths", nargs=-1)
@config_options
@click.option("-f", "--format", "format_name", type=click.Choice(["text", "json"]), default="text", show_default=True)
def endpoints_command(paths, format_name, config_path, stdin_filename, **overrides):
    """Static `kubectl get endpoints`: the pods behind each Service, each port resolved, or why not.

    With no PATHS, the current directory is read."""
    from kdlint.commands.endpoints import endpoints

    config = build_config(config_path, **overrides)
    text = endpoints(manifest_paths(paths), config.settings, format_name, excludes(config))
    click.echo(safe_output(text, format_name == "json"), nl=False)


@main.command("graph", short_help="The discovery topology per namespace, broken edges marked.")
@click.argument("paths", nargs=-1)
@config_options
@click.option("-f", "--format", "format_name", type=click.Choice(["dot", "mermaid", "json"]), default="dot", show_default=True)
def graph_command(paths, format_name, config_path, stdin_filename, **overrides):
    """The discovery topology per namespace (Services, workloads, routes), broken edges marked.

    With no PATHS, the current directory is read."""
    from kdlint.commands.graph import graph

    config = build_config(config_path, **overrides)
    text = graph(manifest_paths(paths), config.settings, format_name, excludes(config))
    click.echo(safe_output(text, format_name == "json"), nl=False)


@main.command("units", short_help="The deployment units found and what is checked together.")
@click.argument("paths", nargs=-1)
@config_options
@click.option("-f", "--format", "format_name", type=click.Choice(["text", "json"]), default="text", show_default=True)
def units_command(paths, format_name, config_path, stdin_filename, **overrides):
    """The deployment units found (kustomizations, folders, variants) and what is checked together.

    With no PATHS, the current directory is read."""
    from kdlint.commands.units import units

    config = build_config(config_path, **overrides)
    click.echo(units(manifest_paths(paths), config.settings, format_name, excludes(config)), nl=False)



@main.command("render", short_help="A kustomization rendered as kdlint sees it, with sources.")
@click.argument("directory", type=AN_EXISTING_FOLDER)
def render_command(directory):
    """Print the objects the kustomization in DIRECTORY renders, each with a `# Source: file:line` comment.

    Compare with `kubectl kustomize DIRECTORY`. What kdlint cannot render is reported on stderr;
    exit code 1 when kustomize itself would fail.
    """
    from kdlint.commands.render import render_text
    from kdlint.kustomize import kustomization_file

    if kustomization_file(directory) is None:
        raise click.UsageError(f"{directory} holds no kustomization.yaml, kustomization.yml or Kustomization")
    text, notes, rendering = render_text(directory)
    click.echo(text, nl=False)
    for line in notes:
        click.echo(line, err=True)
    sys.exit(EXIT_FINDINGS if rendering.failed else EXIT_CLEAN)


# --- `kdlint resolve`: a static nslookup (logic in kdlint/commands/resolve.py) -----------------


@main.command("resolve", short_help="A static nslookup from a pod of a namespace.")
@click.argument("name")
@click.argument("paths", nargs=-1)
@click.option("--namespace", "-n", help="Namespace of the pod that resolves the name (default: the default namespace).")
@click.option("--musl", is_flag=True, help="Resolve like musl (Alpine images) instead of glibc.")
@click.option("-f", "--format", "format_name", type=click.Choice(["text", "json"]), default="text", show_default=True)
@config_options
def resolve_command(name, paths, namespace, musl, format_name, config_path, stdin_filename, **overrides):
    """Resolve NAME from a pod of a namespace against the manifests in PATHS: every name tried, in order.

    NAME is a host name, `host:port` or a URL (`http://redis-cart:6379/x`); a port is checked
    against the Service's ports. With no PATHS, the current directory is read.

    Exit status: 0 when the name resolves in the cluster (and the Service has the port),
    1 when it does not, 2 for usage errors."""
    from kdlint.commands.resolve import NotAHostName, resolve_command as run

    config = build_config(config_path, **overrides)
    try:
        text, resolved = run(name, namespace, manifest_paths(paths), config.settings, musl, excludes(config), format_name)
    except NotAHostName as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(safe_output(text, format_name == "json"), nl=False)
    sys.exit(EXIT_CLEAN if resolved else EXIT_FINDINGS)
