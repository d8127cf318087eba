"""`kdlint check --fix`, `--unsafe-fixes` and `--diff`: what changes, what never does."""

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from kdlint.engine import lint
from kdlint.fixer import apply_edits, apply_verified
from kdlint.fixes import Edit, Fix
from kdlint.load.sources import decode
from kdlint.settings import Settings
from harness import kdlint_cli as run

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed"
JUMP = (
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: jump  # the jump host\nspec:\n  containers:\n"
    "    - name: jump\n    image: 'ubuntu'\n    tty: true\n"
)
JUMP_FIXED = JUMP.replace("    image:", "      image:").replace("    tty:", "      tty:")


def changed_lines(before: str, after: str) -> list[int]:
    old, new = before.split("\n"), after.split("\n")
    assert len(old) == len(new), "a re-indentation keeps the line count"
    return [number for number, (a, b) in enumerate(zip(old, new), start=1) if a != b]


def test_seed_is_repaired_touching_only_the_misindented_lines(workdir):
    shutil.copytree(SEED, workdir / "seed")
    result = run("check", "seed", "--fix")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("7 file(s), 7 object(s): 0 error(s), 0 warning(s), 0 info; 5 fixed\n")
    touched = {
        path.name: changed_lines(path.read_text(), (workdir / "seed" / path.name).read_text())
        for path in sorted(SEED.iterdir())
    }
    assert touched == {
        "01-namespace-dev.yaml": [],
        "02-namespace-prod.yaml": [],
        "03-deployment-dev.yaml": [20, 21, 22],
        "04-deployment-prod.yaml": [20, 21, 22],
        "05-service-dev.yaml": [],
        "06-service-prod.yaml": [],
        "07-pod-jump.yaml": [10, 11, 12],
    }
    settings = Settings()
    sources = [decode(p.name, p.read_bytes()) for p in sorted((workdir / "seed").iterdir())]
    report = lint(sources, settings)
    assert [f for f in report.findings if f.code.startswith(("KD0", "KD1", "KD2"))] == []
    assert report.objects == 7  # every document parses
    again = run("check", "seed", "--fix")
    assert again.exit_code == 0 and "fixed" not in again.output


def test_diff_shows_the_fix_and_changes_nothing(workdir):
    (workdir / "pod.yaml").write_text(JUMP)
    result = run("check", "pod.yaml", "--diff")
    assert result.exit_code == 1
    assert result.stdout == (
        "--- a/pod.yaml\n+++ b/pod.yaml\n@@ -5,5 +5,5 @@\n spec:\n   containers:\n     - name: jump\n"
        "-    image: 'ubuntu'\n-    tty: true\n+      image: 'ubuntu'\n+      tty: true\n"
    )
    assert (workdir / "pod.yaml").read_text() == JUMP
    (workdir / "pod.yaml").write_text(JUMP_FIXED)
    clean = run("check", "pod.yaml", "--diff")
    assert clean.exit_code == 0 and clean.stdout == ""


def test_fix_keeps_crlf_bom_comments_quoting_and_mode(workdir):
    path = workdir / "pod.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + JUMP.replace("\n", "\r\n").encode())
    path.chmod(0o640)
    result = run("check", "pod.yaml", "--fix")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == b"\xef\xbb\xbf" + JUMP_FIXED.replace("\n", "\r\n").encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in workdir.iterdir() if p.name != ".git"] == ["pod.yaml"]  # no temporary file left


def test_fix_keeps_a_missing_final_newline(workdir):
    path = workdir / "pod.yaml"
    path.write_text(JUMP.rstrip("\n"))
    assert run("check", "pod.yaml", "--fix").exit_code == 0
    assert path.read_text() == JUMP_FIXED.rstrip("\n")


def test_stdin_fix_prints_the_fixed_stream_and_reports_on_stderr(workdir):
    result = run("check", "-", "--fix", input=JUMP)
    assert result.exit_code == 0
    assert result.stdout == JUMP_FIXED
    assert result.stderr.endswith("1 file(s), 1 object(s): 0 error(s), 0 warning(s), 0 info; 1 fixed\n")


def test_symlink_leaving_the_tree_is_not_written(workdir):
    outside = workdir / "outside"
    outside.mkdir()
    (outside / "pod.yaml").write_text(JUMP)
    tree = workdir / "tree"
    tree.mkdir()
    os.symlink(outside / "pod.yaml", tree / "pod.yaml")
    result = run("check", "tree", "--fix")
    assert result.exit_code == 1 and "fixed" not in result.output
    assert (outside / "pod.yaml").read_text() == JUMP
    from kdlint.commands.fix import unwritable  # the writer's own check, should a reader ever let one through

    assert unwritable(tree / "pod.yaml", "tree") == "a symlink to a file outside the tree it was found in; not fixed"
    assert unwritable(outside / "pod.yaml", "outside") is None


def test_symlink_inside_the_tree_is_followed(workdir):
    tree = workdir / "tree"
    (tree / "real").mkdir(parents=True)
    (tree / "real" / "pod.yml").write_text(JUMP)
    os.symlink(tree / "real" / "pod.yml", tree / "link.yaml")
    assert run("check", "tree", "--fix").exit_code == 0
    assert (tree / "link.yaml").is_symlink() and (tree / "real" / "pod.yml").read_text() == JUMP_FIXED


def test_apply_edits_maps_positions_onto_the_original_bytes():
    data = "a: 1\r\nb: é2\r\n".encode()
    edits = [Edit("f", (2, 4), (2, 5), "3"), Edit("f", (1, 1), (1, 1), "x\n")]
    assert apply_edits(data, edits) == "x\r\na: 1\r\nb: 32\r\n".encode()
    with pytest.raises(ValueError):
        apply_edits(data, [Edit("f", (1, 1), (1, 3), ""), Edit("f", (1, 2), (1, 4), "")])
    with pytest.raises(ValueError):
        apply_edits(data, [Edit("f", (9, 1), (9, 2), "")])


def test_overlapping_or_breaking_fixes_are_not_applied():
    data = b"a: 1\nb:\n  c: 2\n"
    first = Fix("one", (Edit("f", (1, 4), (1, 5), "5"),))
    overlapping = Fix("two", (Edit("f", (1, 4), (1, 5), "6"),))
    breaking = Fix("three", (Edit("f", (3, 1), (3, 1), " - ["),))
    result, taken = apply_verified("f", data, [first, overlapping, breaking])
    assert result == b"a: 5\nb:\n  c: 2\n"
    assert taken == [first]


def test_json_report_carries_the_machine_fix(workdir):
    import json

    (workdir / "pod.yaml").write_text(JUMP)
    finding = json.loads(run("check", "pod.yaml", "--format", "json").output)["findings"][0]
    assert finding["fix"] == "indent lines 8-9 by 2 spaces (line 8 to column 7)"
    assert finding["autofix"] == {
        "title": finding["fix"],
        "applicability": "safe",
        "edits": [
            {"file": "pod.yaml", "start": {"line": line, "column": 1}, "end": {"line": line, "column": 1}, "replacement": "  "}
            for line in (8, 9)
        ],
    }


def test_diff_shows_control_characters_escaped():
    from kdlint.fixer import unified_diff

    before = b"a: 1\r\nb: \x1b[31m\r\n"
    after = b"a: 2\r\nb: \x1b[31m\r\n"
    assert unified_diff("x\x1b.yaml", before, after) == (
        "--- a/x\\x1b.yaml\n+++ b/x\\x1b.yaml\n@@ -1,2 +1,2 @@\n-a: 1\r\n+a: 2\r\n b: \\x1b[31m\r\n"
    )


def test_a_misplaced_field_in_the_middle_of_a_mapping_is_moved_below_it(workdir):
    service = (
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n"
        "    type: NodePort  # meant for spec\n    app: web\n  ports:\n    - port: 80\n"
    )
    (workdir / "svc.yaml").write_text(service)
    safe = run("check", "svc.yaml", "--select", "KD102", "--fix")
    assert safe.exit_code == 0 and "fixed" not in safe.output  # moving a label out of a selector is unsafe
    assert (workdir / "svc.yaml").read_text() == service
    unsafe = run("check", "svc.yaml", "--select", "KD102", "--unsafe-fixes")
    assert unsafe.exit_code == 0, unsafe.output
    assert (workdir / "svc.yaml").read_text() == (
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n"
        "    app: web\n  type: NodePort  # meant for spec\n  ports:\n    - port: 80\n"
    )


def test_stdin_fix_honours_fail_on(workdir):
    broken = JUMP + "    args: [unclosed\n"  # the block gets fixed; the syntax error stays
    result = run("check", "-", "--fix", "--fail-on", "never", input=broken)
    assert result.exit_code == 0
    assert result.stdout == broken.replace("    image:", "      image:").replace("    tty:", "      tty:").replace("    args:", "      args:")
    assert "<stdin>:10:13: KD001 [error]" in result.stderr and result.stderr.endswith("; 1 fixed\n")
    assert run("check", "-", "--fix", input=broken).exit_code == 1


def test_kd101_reports_the_whole_block_in_one_run():
    """The seed's `jump` Pod needed three runs (lines 10, 11, 12); one finding now covers the block."""
    settings = Settings()
    sources = [decode(p.name, p.read_bytes()) for p in sorted(SEED.iterdir())]
    (jump,) = [f for f in lint(sources, settings).findings if f.code == "KD101" and f.location.file == "07-pod-jump.yaml"]
    assert (jump.location.line, jump.location.column) == (10, 9)
    assert jump.message.startswith("`image` is at column 9, the column of the `-` on line 9, so it falls out of that list item")
    assert jump.fix == "indent lines 10-12 by 2 spaces (line 10 to column 11)"
    assert [e.start for e in jump.autofix.edits] == [(10, 1), (11, 1), (12, 1)]


def test_a_comment_left_of_the_block_stays_where_it_is(workdir):
    pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n    image: x\n# note\n    tty: true\n"
    (workdir / "pod.yaml").write_text(pod)
    assert run("check", "pod.yaml", "--fix").exit_code == 0
    assert (workdir / "pod.yaml").read_text() == pod.replace("    image", "      image").replace("    tty", "      tty")


def test_removed_apis_migrate_only_with_unsafe_fixes_and_come_out_valid(workdir):
    source = (ROOT / "fixtures" / "rules" / "KD204" / "migrations.yaml").read_text()
    (workdir / "old.yaml").write_text(source)
    run("check", "old.yaml", "--fix", "--select", "KD204")
    assert (workdir / "old.yaml").read_text() == source  # the migrations are unsafe: not applied by --fix
    run("check", "old.yaml", "--fix", "--unsafe-fixes", "--select", "KD204")
    expected = (
        source.replace("extensions/v1beta1  # expect: KD204\nkind: Deployment", "apps/v1  # expect: KD204\nkind: Deployment")
        .replace("spec:\n  replicas: 2\n", "spec:\n  selector:\n    matchLabels:\n      app: web\n"
                 "      app.kubernetes.io/part-of: shop\n  replicas: 2\n")
        .replace("extensions/v1beta1  # expect: KD204\nkind: Ingress", "networking.k8s.io/v1  # expect: KD204\nkind: Ingress")
        .replace("  backend:\n    serviceName: web\n    servicePort: 80\n",
                 "  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n")
        .replace("          - path: /\n            backend:\n              serviceName: web\n              servicePort: http\n",
                 "          - path: /\n            pathType: ImplementationSpecific\n            backend:\n"
                 "              service:\n                name: web\n                port:\n                  name: http\n")
        .replace("policy/v1beta1", "policy/v1")
    )
    assert (workdir / "old.yaml").read_text() == expected
    result = run("check", "old.yaml", "--select", "KD1,KD2", "-f", "json")
    assert json.loads(result.stdout)["findings"] == []  # valid under the replacements' schemas
