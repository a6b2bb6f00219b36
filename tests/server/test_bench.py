"""The benchmark's quick mode runs in the suite, so it cannot rot: real server, baseline,
the same through nginx, one server process beside two, and the flood scenario. No timed
assertions here: speed is measured by the benchmark."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from bench.flood import FLOODS
from tests.tools import require_nginx

pytestmark = pytest.mark.slow
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_bench(tmp_path, *extra: str, timeout: float = 240) -> dict:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--json", str(out), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(out.read_text())


def check_no_loss(results: list[dict]) -> None:
    for result in results:
        assert result["join"]["joined"] == result["phones"]
        join = result["join"]
        # Every phone is connected before it joins, so each order statistic comes first too.
        assert 0 < join["connected_half_s"] <= join["half_s"]
        assert join["connected_all_s"] <= join["burst_s"]
        for step in result["steps"]:
            assert step["sent"] > 0
            assert (step["lost"], step["duplicated"], step["missing_acks"]) == (0, 0, 0)
            assert step["acked"] == step["sent"]


def test_quick_benchmark_runs_both_servers_and_loses_nothing(tmp_path):
    figures = run_bench(tmp_path)
    assert [r["server"] for r in figures["results"]] == ["workshop", "baseline"]
    check_no_loss(figures["results"])
    votes = figures["results"][0]["votes"]
    assert votes["tallies_exact"] is True and votes["acked"] > 0


def test_quick_benchmark_passes_through_nginx(tmp_path):
    require_nginx()
    figures = run_bench(tmp_path, "--only", "workshop", "--via-nginx")
    assert figures["results"][0]["via_nginx"] is True
    check_no_loss(figures["results"])


@pytest.mark.timeout(240)  # two runs of the quick mode, one after the other
def test_quick_benchmark_compares_one_server_process_with_two(tmp_path):
    figures = run_bench(tmp_path, "--only", "workshop", "--processes", "1,2")
    results = figures["results"]
    assert [(r["server"], r["processes"]) for r in results] == [("workshop", 1), ("workshop", 2)]
    check_no_loss(results)
    for result in results:
        assert result["votes"]["tallies_exact"] is True and result["votes"]["acked"] > 0
        shards = result["shards"]
        assert len(shards) == result["processes"]
        assert sum(s["phones"] for s in shards) == result["phones"]
        acked = sum(step["acked"] for step in result["steps"])
        assert sum(s["cards_acked"] for s in shards) == acked
        for shard in shards:  # every process served its own workshop, and stored what it acked
            assert shard["cards_acked"] > 0
            assert shard["cards_stored"] == shard["cards_acked"]
    two = results[1]["shards"]
    assert len({s["pid"] for s in two}) == 2
    assert len({s["port"] for s in two}) == 2
    assert len({s["code"] for s in two}) == 2
    assert [(row["server"], row["processes"]) for row in figures["comparison"]] == [
        ("workshop", 1),
        ("workshop", 2),
    ]
    for row in figures["comparison"]:
        assert set(row["worst_p99_ms_by_rate"]) == {"20", "40"}


@pytest.mark.timeout(420)  # ten floods, each followed by the room's recovery
def test_quick_flood_scenario_reports_every_flood(tmp_path):
    markdown = tmp_path / "floods.md"
    figures = run_bench(tmp_path, "--flood", "--markdown", str(markdown), timeout=400)
    rows = figures["rows"]
    assert [row["flood"] for row in rows] == [f.name for f in FLOODS]
    assert figures["victims"]["joined"] == figures["victims"]["phones"] > 0
    assert figures["victims"]["acked_not_stored"] == 0
    assert figures["server_alive"] is True
    for row in rows:
        assert "failed" not in row, row
        assert "failed" not in row["fate"], row
        assert row["sent"] > 0
        assert {"cards", "answered", "ack_ms", "drops"} <= set(row["victims"])
        assert row["rss_before"] > 0 and row["rss_after"] > 0
        assert set(row["log"]) == {"bytes", "lines", "tracebacks"}
    table = markdown.read_text()
    for flood in FLOODS:
        assert f"| {flood.name} |" in table
