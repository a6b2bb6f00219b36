"""The pure browser modules (static/js/lib/model.js...) have unit tests of their own, run by
Node's built-in test runner (tests/js/*.test.mjs); this runs them with the rest of the suite."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.tools import missing

ROOT = Path(__file__).resolve().parents[1]


def test_the_javascript_unit_tests_pass():
    node = shutil.which("node")
    if node is None:
        missing("no Node.js: install Debian's package with `apt-get install nodejs`")
    tests = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "tests" / "js").glob("*.test.mjs"))
    assert tests, "no tests in tests/js"
    run = subprocess.run([node, "--test", *tests], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
