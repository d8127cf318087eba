"""Where tests find the repository and the shared real-world corpora, from any test folder."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the shared corpora sit beside the checkout (CI clones next to a copy of them)
CORPORA = next((p for p in (ROOT.parent / "shared" / "corpora", Path("/work/shared/corpora")) if p.is_dir()), ROOT.parent / "shared" / "corpora")
