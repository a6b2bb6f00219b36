"""`python -m workshop series`: a series from workshop files, for scripts, without a server."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.factories import make_context
from tests.series_factories import three_workshops
from workshop.store import schema

ROOT = Path(__file__).resolve().parents[1]
DAY = 86_400


@pytest.fixture
def files(tmp_path, clock):
    """Launch A, launch B and Other C as their server leaves them after it stopped."""
    ctx = make_context(tmp_path / "sessions", clock=clock)
    made = three_workshops(ctx, tick=lambda: clock.tick(DAY))
    paths = [ctx.files.path(s.code) for s in made]
    ctx.files.close_all()
    return paths


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workshop", "series", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _folder(path: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in sorted(path.iterdir())}


def test_markdown_to_a_file_and_every_workshop_file_is_unchanged(files, tmp_path):
    before = _folder(files[0].parent)
    out = tmp_path / "series.md"
    done = run(*files, "--out", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# A series of 3 workshops\n")
    assert "**Data silos**" in text and "Team spirit" not in text.split("## The workshops")[0]
    assert _folder(files[0].parent) == before  # same files, same bytes, same times: no -wal left


def test_csv_on_standard_output_has_the_workshop_columns(files):
    done = run(files[0], files[1], "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows[0][:2] == ["workshop_code", "workshop_title"]
    assert {r[1] for r in rows[1:]} == {"Launch A", "launch B"}


def test_json_chosen_by_the_extension_of_out(files, tmp_path):
    out = tmp_path / "series.json"
    assert run(*files, "--out", out).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [w["title"] for w in data["series"]["workshops"]] == ["Launch A", "launch B", "Other C"]
    assert data["workshops"][0]["workshop"]["join_url"] is None


def test_a_file_of_an_older_version_is_refused_and_left_as_it_is(files, tmp_path):
    with closing(sqlite3.connect(files[1])) as db:
        db.execute(f"PRAGMA user_version = {schema.LATEST - 1}")
    before = _folder(files[0].parent)
    out = tmp_path / "series.md"
    done = run(*files, "--out", out)
    assert done.returncode == 1
    assert str(files[1]) in done.stderr and "older version" in done.stderr
    assert not out.exists()
    assert _folder(files[0].parent) == before


@pytest.mark.parametrize(
    "args, message",
    [
        (lambda f, tmp: [f[0]], "at least two workshops"),
        (lambda f, tmp: [f[0], f[0]], "at least two workshops"),
        (lambda f, tmp: [f[0], tmp / "missing.db"], "is not a file"),
        (lambda f, tmp: [f[0], f[1], "--out", f[1]], "would be overwritten"),
    ],
)
def test_refusals_say_what_is_wrong_and_exit_1(files, tmp_path, args, message):
    before = _folder(files[0].parent)
    done = run(*args(files, tmp_path))
    assert done.returncode == 1
    assert message in done.stderr
    assert _folder(files[0].parent) == before


def test_a_copy_of_the_same_workshop_is_not_counted_twice(files, tmp_path):
    copy = tmp_path / "copy.db"
    copy.write_bytes(files[0].read_bytes())
    done = run(files[0], copy)
    assert done.returncode == 1 and "are both workshop" in done.stderr


def test_the_series_command_starts_no_server_and_no_eventlet(files):
    probe = (
        "import runpy, sys\n"
        f"sys.argv = ['workshop', 'series', {str(files[0])!r}, {str(files[1])!r}, '--format', 'json']\n"
        "try:\n"
        "    runpy.run_module('workshop', run_name='__main__', alter_sys=True)\n"
        "except SystemExit as done:\n"
        "    print('exit', done.code, 'eventlet' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stderr.strip().endswith("exit 0 False")


def test_the_server_options_still_parse():
    done = subprocess.run(
        [sys.executable, "-m", "workshop", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    assert "--host" in done.stdout and "--port" in done.stdout and "workshop series" in done.stdout
