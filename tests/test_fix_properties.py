"""Property tests of `--fix`: mis-indent a block the way people do, and the fix restores the
object; on clean input the fixer changes no byte."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, assume, given, settings as hsettings, strategies as st

from kdlint.engine import lint
from kdlint.fixer import Target, fix
from kdlint.load.documents import load_documents
from kdlint.selection import Selection
from kdlint.settings import Settings
from paths import CORPORA, ROOT


SETTINGS = Settings()
INDENTATION = Selection(select=("KD0", "KD1", "KD2"))  # the rules that see and fix mis-indentation

NAMES = st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True)
CONTAINER_FIELDS = {  # fields a pod spec does not have, so a container field that lands there is seen
    "image": st.builds(lambda n, t: f"{n}:{t}", NAMES, st.sampled_from(["1.0", "latest"])),
    "imagePullPolicy": st.sampled_from(["Always", "IfNotPresent"]),
    "workingDir": st.sampled_from(["/srv", "/app"]),
    "command": st.lists(NAMES, min_size=1, max_size=2),
    "args": st.lists(NAMES, min_size=1, max_size=2),
    "ports": st.lists(st.builds(lambda p: {"containerPort": p}, st.integers(1, 65535)), min_size=1, max_size=2, unique_by=lambda d: d["containerPort"]),
    "env": st.lists(st.builds(lambda n, v: {"name": n.upper(), "value": v}, NAMES, NAMES), min_size=1, max_size=2, unique_by=lambda d: d["name"]),
    "tty": st.booleans(),
}


@st.composite
def containers(draw):
    chosen = draw(st.lists(st.sampled_from(sorted(CONTAINER_FIELDS)), min_size=1, max_size=4, unique=True))
    container = {"name": draw(NAMES)}
    for field in chosen:
        container[field] = draw(CONTAINER_FIELDS[field])
    return container


@st.composite
def pods(draw):
    spec = {"containers": draw(st.lists(containers(), min_size=1, max_size=2, unique_by=lambda c: c["name"]))}
    if draw(st.booleans()):  # fields only a pod spec has (not restartPolicy: a container has one too)
        spec["serviceAccountName"] = draw(NAMES)
    metadata = {"name": draw(NAMES), "namespace": draw(NAMES)}
    labels = {"app": draw(NAMES), "tier": draw(NAMES)}
    if draw(st.booleans()):
        metadata["labels"] = labels
    if draw(st.booleans()):  # the same pod spec two levels deeper, in a Deployment's template
        template = {"metadata": {"labels": labels}, "spec": spec}
        spec = {"replicas": draw(st.integers(0, 3)), "selector": {"matchLabels": labels}, "template": template}
        return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": metadata, "spec": spec}
    return {"apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec}


def emit(value, indent: int, compact: bool) -> list[str]:
    """Block-style YAML lines; `compact` puts a sequence's `-` at its key's column."""
    pad = " " * indent
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                lines.append(f"{pad}{key}:")
                lines += emit(item, indent if isinstance(item, list) and compact else indent + 2, compact)
            else:
                lines.append(f"{pad}{key}: {scalar(item)}")
    else:
        for item in value:
            inner = emit(item, indent + 2, compact) if isinstance(item, (dict, list)) else [f"{pad}  {scalar(item)}"]
            lines.append(f"{pad}- {inner[0].lstrip()}")
            lines += inner[1:]
    return lines


def scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value in ("true", "false", "null", "yes", "no", "on", "off", "y", "n") or str(value).isdigit() and isinstance(value, str):
        return f'"{value}"'
    return str(value)


def indent_of(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def tail_end(lines: list[str], first: int) -> int:
    """The index after the tail starting at `first`: its line, its siblings after it and their
    children (a compact sequence under a `key:` included), up to a new list item."""
    column = indent_of(lines[first])
    end, opener = first + 1, lines[first].endswith(":")
    while end < len(lines) and indent_of(lines[end]) >= column:
        if indent_of(lines[end]) == column:
            if lines[end].lstrip().startswith("- "):
                if not opener:
                    break
            else:
                opener = lines[end].endswith(":")
        end += 1
    return end


def mutations(lines: list[str]):
    """(name, line index, mutated lines) for each mistake at each place it can be made: two spaces
    too few or too many for the tail of a mapping, a container's tail pasted at the column of
    `containers`, and a list item's fields after its first one split to the column of its `-`.
    A label map is moved whole or not at all: no schema says which of its keys belong in it."""
    for index, text in enumerate(lines):
        if text.lstrip().startswith("- ") or ":" not in text or index == 0 or _in_labels(lines, index):
            continue
        column = indent_of(text)
        if column == 0:
            continue
        end = tail_end(lines, index)
        above = lines[index - 1]
        item_dash = above.lstrip().startswith("- ") and indent_of(above) + 2 == column
        for shift, name in ((2, "two too many"), (-2, "two too few")):
            if not _ambiguous(lines, index, end, column + shift):
                yield name, index, lines[:index] + [" " * (column + shift) + t[column:] for t in lines[index:end]] + lines[end:]
        if item_dash:
            later = _has_later_item(lines, end, indent_of(above))
            if not _ambiguous(lines, index, end, column - 2):
                yield "item split", index, lines[:index] + [t[2:] for t in lines[index:end]] + lines[end:]
            parent = _parent(lines, index - 1)
            if lines[parent].strip() == "containers:" and not later:
                target = indent_of(lines[parent])
                yield "pasted at the parent's column", index, lines[:index] + [" " * target + t[column:] for t in lines[index:end]] + lines[end:]


def _parent(lines: list[str], index: int) -> int:
    """The index of the `key:` line that holds line `index` (a list item's dash line)."""
    column = indent_of(lines[index])
    for above in range(index - 1, -1, -1):
        at = indent_of(lines[above])
        if at < column or (at == column and lines[above].endswith(":")):
            return above
    return 0


def _in_labels(lines: list[str], index: int) -> bool:
    """A label map's entry after its first (moving the whole map is fine: it leaves it empty)."""
    parent = _parent(lines, index)
    return lines[parent].strip() in ("labels:", "matchLabels:") and parent != index - 1


def _ambiguous(lines: list[str], index: int, end: int, column: int) -> bool:
    """A tail moved to `column` that holds a compact sequence (items at its keys' column), right
    before a list item at that column: no one can tell which sequence the items after it belong to."""
    own = indent_of(lines[index])
    compact = any(indent_of(t) == own and t.lstrip().startswith("- ") for t in lines[index:end])
    return compact and _has_later_item(lines, end, column)


def _has_later_item(lines, end, dash_column) -> bool:
    return end < len(lines) and indent_of(lines[end]) == dash_column and lines[end].lstrip().startswith("- ")


def parsed(text: str):
    docs = load_documents("m.yaml", text)
    assert all(doc.error is None for doc in docs), [doc.error for doc in docs]
    return [doc.body for doc in docs]


def run_fix(text: str, unsafe: bool = False) -> str:
    target = Target("m.yaml", text.encode())
    outcome = fix([target], lambda sources: lint(sources, SETTINGS, INDENTATION), unsafe=unsafe)
    return outcome.fixed.get("m.yaml", target.data).decode()


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pods(), st.booleans(), st.data())
def test_a_misindented_block_is_restored(pod, compact, data):
    original = "\n".join(emit(pod, 0, compact)) + "\n"
    lines = original.split("\n")[:-1]
    options = list(mutations(lines))
    name, index, mutated_lines = data.draw(st.sampled_from(options), label="mutation")
    mutated = "\n".join(mutated_lines) + "\n"
    assume(mutated != original)
    if _still_valid_and_unseen(mutated, original):
        return  # e.g. a label map's tail moved into metadata: valid YAML with another meaning, and no rule can tell
    fixed = run_fix(mutated)
    assert parsed(fixed) == parsed(original), f"{name} at line {index + 1}:\n{mutated}\n---- fixed:\n{fixed}"


def _still_valid_and_unseen(mutated: str, original: str) -> bool:
    docs = load_documents("m.yaml", mutated)
    if any(doc.error for doc in docs):
        return False
    findings = lint([_source(mutated)], SETTINGS, Selection(select=("KD1", "KD2"))).findings
    return not findings


def _decoded(target):
    from kdlint.load.sources import decode

    return decode(target.path, target.data)


def _source(text: str):
    from kdlint.load.sources import decode

    return decode("m.yaml", text.encode())


def test_fix_on_every_fixture_and_corpus_file_changes_no_byte_of_clean_input(tmp_path):
    """Files without fixable findings come out byte for byte; files with some change only where
    fixed, and a second run changes nothing (idempotence). Copies, in a temporary folder."""
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    if CORPORA.is_dir():
        shutil.copytree(CORPORA, tmp_path / "corpora")
    copied = sorted(p for p in tmp_path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    assert len(copied) > (200 if CORPORA.is_dir() else 50)
    targets = [Target(str(p), p.read_bytes()) for p in copied]
    first = lint([_decoded(t) for t in targets], SETTINGS, Selection())
    fixable = {f.location.file for f in first.findings if f.autofix is not None and str(f.autofix.applicability) == "safe"}
    outcome = fix(targets, lambda sources: lint(sources, SETTINGS, Selection()))
    assert set(outcome.fixed) <= fixable
    assert len(fixable) < len(targets) / 10  # the fixtures with fixable findings are few
    again = fix(
        [Target(t.path, outcome.fixed.get(t.path, t.data)) for t in targets],
        lambda sources: lint(sources, SETTINGS, Selection()),
    )
    assert again.fixed == {}
