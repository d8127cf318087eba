"""Check that speed work changed no finding, on the scale corpus (not a test: it takes minutes).

    python bench/same_findings.py [--base REV] [--objects 10000[,100000]]
    python bench/same_findings.py [--base REV] --paths fixtures rules [more files or folders]

Generates the corpus of bench/compare.py, runs `kdlint check --format json` of an earlier commit
(a temporary git worktree) and of this checkout, this one with `--jobs 1` and with the default, and
compares what each finding is: rule, file, line, column and object. With `--paths`, the same on
those files or folders (each checked as one run, from the working directory) instead of the corpus. Messages and fixes are left out,
since their wording may change between the two commits. Exits 1 when the findings differ. Writes
only inside a temporary folder it removes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench import generate  # noqa: E402
from compare import add_kustomizations, command  # noqa: E402


def findings(argv: list[str]) -> Counter:
    done = subprocess.run(argv, capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
    report = json.loads(done.stdout)
    return Counter((f["code"], f["file"], f["line"], f["column"], json.dumps(f.get("object"), sort_keys=True))
                   for f in report["findings"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="HEAD~1")
    parser.add_argument("--objects", default="10000", help="corpus sizes, comma-separated")
    parser.add_argument("--paths", nargs="+", help="compare on these files or folders instead of a generated corpus")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kdlint-same-"))
    worktree = tmp / "base"
    differ = False
    try:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(worktree), args.base],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for target, title in _targets(args, tmp):
            runs = {
                f"base {args.base}": findings(command(worktree, [str(target)], [], tmp / "cache-base")),
                "this, --jobs 1": findings(command(ROOT, [str(target)], ["--jobs", "1", "--no-cache"], tmp / "cache")),
                "this, default --jobs": findings(command(ROOT, [str(target)], ["--no-cache"], tmp / "cache")),
            }
            expected = next(iter(runs.values()))
            print(f"{title}:")
            for name, found in runs.items():
                missing, extra = expected - found, found - expected
                print(f"  {name}: {sum(found.values()):,} findings"
                      + ("" if not (missing or extra) else f"; {sum(missing.values())} missing, {sum(extra.values())} new"))
                for item in list(missing)[:5]:
                    print(f"    missing: {item}")
                for item in list(extra)[:5]:
                    print(f"    new: {item}")
                differ |= bool(missing or extra)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(tmp, ignore_errors=True)
    print("same findings" if not differ else "FINDINGS DIFFER")
    return 1 if differ else 0


def _targets(args, tmp: Path):
    """(what to check, how to name it), one at a time."""
    if args.paths:
        for path in args.paths:
            yield Path(path), path
        return
    for size in (int(n) for n in args.objects.split(",")):
        corpus = tmp / f"corpus-{size}"
        count = generate(corpus, size)
        add_kustomizations(corpus)
        yield corpus, f"corpus of about {count:,} objects"
        shutil.rmtree(corpus, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
