"""Find the input files under the command-line paths.

Folders are walked with os.scandir: hidden folders, `node_modules` and `vendor` are skipped,
`.gitignore` files (nested ones, those above the folder up to the repository root, and
`.git/info/exclude`) are followed, and `exclude` patterns apply, all with gitignore semantics
(the pathspec library). Files named on the command line are always taken.

What cannot be read safely is returned as a problem, never opened: a FIFO, socket or device,
a symbolic link loop, a link whose target leaves the tree being linted, a folder that cannot
be listed. The reader turns each problem into a KD004 finding.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from typing import TYPE_CHECKING

from kdlint.load.sources import InputError, SourceFile, display_path, read_source

if TYPE_CHECKING:
    import pathspec

SUFFIXES = (".yaml", ".yml", ".json")
SKIPPED_FOLDERS = frozenset({"node_modules", "vendor"})  # and every hidden folder, `.git` included
OWN_FILES = frozenset({".kdlint.yaml", ".kdlint.yml"})  # kdlint's config is never a manifest
CHART = "Chart.yaml"


# Plain classes, not dataclasses: every run imports them, and making a dataclass costs more
# than all the rest of this module.
class Found:
    __slots__ = ("path", "shown", "root", "problem")

    def __init__(self, path: str, shown: str, root: str, problem: str | None = None) -> None:
        self.path = path  # where to open it
        self.shown = shown  # as reported: relative to the working directory when under it
        self.root = root  # the command-line path it was found under
        self.problem = problem  # why it is not read


class Excludes:
    """Gitignore-style patterns, each set relative to its own base folder (the config file's
    folder for `exclude:`, the working directory for `--exclude`)."""

    __slots__ = ("specs",)

    def __init__(self, specs: tuple[tuple[str, pathspec.GitIgnoreSpec], ...] = ()) -> None:
        self.specs = specs

    @classmethod
    def of(cls, *sets: tuple[str | os.PathLike, tuple[str, ...]]) -> Excludes:
        if not any(patterns for _, patterns in sets):
            return cls()
        import pathspec

        return cls(tuple(
            (os.path.realpath(base), pathspec.GitIgnoreSpec.from_lines(patterns)) for base, patterns in sets if patterns
        ))

    def __bool__(self) -> bool:
        return bool(self.specs)

    def match(self, real: str, relative: str, folder: bool) -> bool:
        """`real` the absolute path, `relative` the path below the command-line root."""
        for base, spec in self.specs:
            below = real[len(base) + 1:] if real.startswith(base + os.sep) else relative
            if spec.match_file(below + "/" if folder else below):
                return True
        return False


def discover(paths: list[str], exclude: Excludes | tuple = (), tracked_only: bool = False, skip: frozenset[str] = frozenset()) -> list[Found]:
    """Every input file under `paths`, each once, in a stable order.

    `tracked_only`: a folder inside a git work tree gives the files git tracks (`git ls-files`),
    so untracked drafts stay out of `--context`. `skip`: real paths never taken (the baseline).
    """
    if not isinstance(exclude, Excludes):
        exclude = Excludes.of((Path.cwd(), tuple(exclude)))
    found: list[Found] = []
    seen: set[str] = set(skip)
    for arg in paths:
        if not os.path.lexists(arg):
            raise InputError(f"{arg}: no such file or directory")
        if os.path.isdir(arg):
            entries = _Tree(arg, exclude).files(tracked_only)
        else:
            entries = [_named_file(arg)]
        for key, entry in entries:
            if key not in seen:
                seen.add(key)
                found.append(entry)
    return found


def read_files(paths: list[str], max_bytes: int, exclude: Excludes | tuple = (), tracked_only: bool = False, skip=frozenset()) -> list[SourceFile]:
    """discover() and read every file found; what cannot be read carries its problem (KD004)."""
    return [
        SourceFile(f.shown, None, f.problem, root=f.root) if f.problem else read_source(f.path, max_bytes, root=f.root, shown=f.shown)
        for f in discover(paths, exclude, tracked_only, skip)
    ]


def _named_file(arg: str) -> tuple[str, Found]:
    chart = _chart_holding(arg)
    if chart is not None:  # a chart's template stands for its chart, reported once at Chart.yaml
        arg = chart
    shown = display_path(Path(arg))
    if os.path.islink(arg):
        # a link named on the command line may point anywhere inside the working directory,
        # or inside its own folder when it lies outside the working directory
        cwd = os.path.realpath(os.getcwd())
        folder = os.path.realpath(os.path.dirname(os.path.abspath(arg)))
        tree = cwd if folder == cwd or folder.startswith(cwd + os.sep) else folder
        real, problem = _follow(arg, tree)
        if problem:
            return real, Found(arg, shown, arg, problem)
    else:
        real = os.path.realpath(arg)
    try:
        problem = _not_regular(os.stat(arg).st_mode)
    except OSError as exc:
        problem = f"cannot read file: {exc.strerror or exc}"
    return real, Found(arg, shown, arg, problem)


def _chart_holding(path: str) -> str | None:
    """The Chart.yaml of the Helm chart whose `templates/` folder holds `path`, if any."""
    parts = Path(path).parts[:-1]
    for index in range(len(parts) - 1, -1, -1):
        if parts[index] == "templates":
            chart = os.path.join(*parts[:index], CHART) if index else CHART
            if os.path.isfile(chart):
                return chart
    return None


def _follow(link: str, tree: str) -> tuple[str, str | None]:
    """(real target, problem) of a symbolic link; only targets inside `tree` are read."""
    try:
        target = os.path.realpath(link, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return link, "symbolic link loop"
        return link, "symbolic link to a missing file"
    if not target.startswith(tree + os.sep) and target != tree:
        return target, "symbolic link to a path outside the folder being linted, which kdlint never reads"
    return target, None


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    what = (
        "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else
        "a socket" if stat.S_ISSOCK(mode) else
        "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else
        "a folder" if stat.S_ISDIR(mode) else
        "not a regular file"
    )
    return f"{what}, not a regular file"


class _Tree:
    """One command-line folder."""

    def __init__(self, arg: str, exclude: Excludes) -> None:
        self.arg = arg
        self.real = os.path.realpath(arg)
        shown = display_path(Path(arg))
        self.prefix = "" if shown == "." else shown if shown.endswith("/") else shown + "/"
        self.exclude = exclude

    def files(self, tracked_only: bool) -> list[tuple[str, Found]]:
        tracked = _git_tracked(self.arg) if tracked_only else None
        entries = self._tracked(tracked) if tracked is not None else self._walk()
        entries.sort(key=lambda item: item[0])
        return [(key, found) for _, key, found in entries]

    def _found(self, relative: str, problem: str | None = None) -> Found:
        return Found(os.path.join(self.arg, relative), self.prefix + relative, self.arg, problem)

    def _walk(self) -> list:
        out: list = []
        ignores = _ancestor_ignores(self.real)
        stack = [("", ignores)]
        while stack:
            relative, ignores = stack.pop()
            folder = os.path.join(self.real, relative) if relative else self.real
            try:
                with os.scandir(folder) as listing:
                    entries = list(listing)
            except OSError as exc:
                out.append(((relative or ".").split("/"), folder, self._found(relative or ".", f"folder that cannot be read ({exc.strerror or exc}), so none of its files are checked")))
                continue
            if any(e.name == ".gitignore" for e in entries):
                ignores = ignores + _read_ignore(folder, os.path.join(folder, ".gitignore"))
            chart = next((e for e in entries if e.name == CHART and e.is_file(follow_symlinks=False)), None)
            if chart is not None:  # a Helm chart: its Chart.yaml stands for it (KD005), crds/ are plain YAML
                out.append(((f"{relative}/{CHART}" if relative else CHART).split("/"), chart.path, self._found(f"{relative}/{CHART}" if relative else CHART)))
                entries = [e for e in entries if e.name == "crds" and e.is_dir(follow_symlinks=False)]
            for entry in entries:
                name = entry.name
                child = f"{relative}/{name}" if relative else name
                real = f"{self.real}/{child}"
                if entry.is_symlink():
                    if name.endswith(SUFFIXES) and not self._skipped(real, child, ignores, False):
                        target, problem = _follow(entry.path, self.real)
                        if problem is None:
                            problem = _not_regular(os.stat(target).st_mode)
                        out.append((child.split("/"), target, self._found(child, problem)))
                    continue  # linked folders are not followed: their files are found where they are
                if entry.is_dir(follow_symlinks=False):
                    if name[0] != "." and name not in SKIPPED_FOLDERS and not self._skipped(real, child, ignores, True):
                        stack.append((child, ignores))
                elif name.endswith(SUFFIXES) and name not in OWN_FILES and not self._skipped(real, child, ignores, False):
                    problem = None if entry.is_file(follow_symlinks=False) else _not_regular(entry.stat(follow_symlinks=False).st_mode)
                    out.append((child.split("/"), real, self._found(child, problem)))
        return out

    def _skipped(self, real: str, relative: str, ignores, folder: bool) -> bool:
        return bool(ignores and _ignored(ignores, real, folder)) or bool(self.exclude and self.exclude.match(real, relative, folder))

    def _tracked(self, tracked: list[str]) -> list:
        out: list = []
        charts = tuple(relative[: -len(CHART)] for relative in tracked if relative == CHART or relative.endswith("/" + CHART))
        for relative in tracked:
            parts = relative.split("/")
            name = parts[-1]
            if not name.endswith(SUFFIXES) or name in OWN_FILES or _inside_chart(relative, charts):
                continue
            if any(p[0] == "." or p in SKIPPED_FOLDERS for p in parts[:-1]):
                continue
            real = f"{self.real}/{relative}"
            if self.exclude and (self.exclude.match(real, relative, False) or any(
                self.exclude.match(f"{self.real}/{'/'.join(parts[:i])}", "/".join(parts[:i]), True) for i in range(1, len(parts))
            )):
                continue
            try:
                mode = os.lstat(real).st_mode
            except OSError:
                continue  # tracked but deleted in the work tree
            if stat.S_ISLNK(mode):
                target, problem = _follow(real, self.real)
                problem = problem or _not_regular(os.stat(target).st_mode)
                out.append((parts, target, self._found(relative, problem)))
            else:
                out.append((parts, real, self._found(relative, _not_regular(mode))))
        return out


def _inside_chart(relative: str, charts: tuple[str, ...]) -> bool:
    """A file of a Helm chart other than its Chart.yaml and its crds/ (charts: "" or "dir/" prefixes)."""
    for chart in charts:
        if relative.startswith(chart) and relative != chart + CHART and not relative.startswith(chart + "crds/"):
            return True
    return False


def _git_tracked(folder: str) -> list[str] | None:
    """The files git tracks under `folder`, relative to it; None outside a work tree or without git."""
    import shutil  # only for --context folders: a plain check never starts a process
    import subprocess

    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run(
            [git, "-C", folder, "ls-files", "-z", "--cached"],
            capture_output=True, timeout=60, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return [os.fsdecode(p) for p in done.stdout.split(b"\0") if p]


def _read_ignore(base: str, path: str) -> tuple:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return ()
    import pathspec  # only where there are patterns: a run over a folder without them never loads it

    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    return ((base, spec),) if spec.patterns else ()


def _ancestor_ignores(real_root: str) -> tuple:
    """`.git/info/exclude` and the `.gitignore` files above `real_root`, up to its repository's root."""
    chain, folder = [], real_root
    while True:
        parent = os.path.dirname(folder)
        if os.path.exists(os.path.join(folder, ".git")):
            repository = folder
            break
        if parent == folder:
            return ()  # not in a repository: only the .gitignore files inside the tree count
        folder = parent
        chain.append(folder)
    ignores = _read_ignore(repository, os.path.join(repository, ".git", "info", "exclude"))
    for folder in reversed(chain):
        ignores += _read_ignore(folder, os.path.join(folder, ".gitignore"))
    return ignores


def _ignored(ignores, real: str, folder: bool) -> bool:
    """Gitignore semantics: the deepest file with a matching pattern decides, `!` re-includes."""
    verdict = False
    for base, spec in ignores:
        below = real[len(base) + 1:]
        result = spec.check_file(below + "/" if folder else below)
        if result.include is not None:
            verdict = result.include
    return verdict
