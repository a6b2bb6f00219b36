"""The benchmark's printed table, its ratios to the baseline, and the comparison of runs with
different numbers of server processes."""

from __future__ import annotations

from typing import Any

from .stats import worst_p99

P99_BUDGET_MS = 250


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def fmt_s(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s"


def label(result: dict[str, Any]) -> str:
    """`workshop`, or `workshop x2` for two server processes."""
    processes = result.get("processes", 1)
    return result["server"] if processes == 1 else f"{result['server']} x{processes}"


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "",
        f"{'server':<12}{'rate/s':>8}{'sent':>7}{'lost':>6}{'dup':>5}{'ack p50/p99/p99.9/max':>24}"
        f"{'dash p99':>10}{'mates p99':>11}{'max':>7}{'cpu%':>6}{'load%':>7}",
    ]
    for r in results:
        for s in r.get("steps", []):
            ack = "/".join(fmt(s["ack_ms"].get(p)) for p in ("p50", "p99", "p99_9", "max"))
            lines.append(
                f"{label(r):<12}{s['target_rate']:>8g}{s['sent']:>7}{s['lost']:>6}{s['duplicated']:>5}"
                f"{ack:>24}{fmt(s['dashboard_ms']['p99']):>10}{fmt(s['groupmates_ms']['p99']):>11}"
                f"{fmt(s['groupmates_ms']['max']):>7}{s['server_cpu_percent']:>6.0f}"
                f"{s.get('load_cpu_percent', 0):>7.0f}"
            )
    lines.append("")
    for r in results:
        lines.append(
            f"{label(r)}: {r['join']['joined']}/{r['phones']} joined in {fmt_s(r['join']['burst_s'])}, "
            f"{r['memory_per_phone_kb']:.0f} KB per phone, peak RSS {r['peak_rss_mb']:.0f} MB, "
            f"best rate with p99 < {P99_BUDGET_MS} ms: {r['best_rate_under_p99_budget']}"
        )
        if "votes" in r:
            v = r["votes"]
            lines.append(
                f"{label(r)}: vote burst {v['acked']} dots acked in {v['seconds']:.1f} s, "
                f"refused {v['refused']}, tallies exact: {v['tallies_exact']}"
            )
    lines += ratios(results)
    rows = comparison(results)
    if rows:
        lines += comparison_table(rows)
    return "\n".join(lines)


def ratios(results: list[dict[str, Any]]) -> list[str]:
    """Our figures over the baseline's, for each number of processes both ran with."""
    lines: list[str] = []
    by = {(r["server"], r.get("processes", 1)): r for r in results}
    for (server, processes), ours in by.items():
        base = by.get(("baseline", processes))
        if server != "workshop" or base is None:
            continue
        suffix = "" if processes == 1 else f", {processes} processes each"
        lines += ["", f"ratios to the baseline (workshop / baseline{suffix}):"]
        if ours["join"]["burst_s"] and base["join"]["burst_s"]:
            lines.append(f"  join burst time   {ours['join']['burst_s'] / base['join']['burst_s']:.2f}")
        if ours["best_rate_under_p99_budget"] and base["best_rate_under_p99_budget"]:
            ratio = ours["best_rate_under_p99_budget"] / base["best_rate_under_p99_budget"]
            lines.append(f"  best card rate    {ratio:.2f}")
        if base["memory_per_phone_kb"] > 0:
            lines.append(
                f"  memory per phone  {ours['memory_per_phone_kb'] / base['memory_per_phone_kb']:.2f}"
            )
    return lines


def comparison(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per run when a server ran with more than one number of processes: the highest
    sustained rate, the join burst, and the worst p99 at each rate."""
    counts: dict[str, set[int]] = {}
    for r in results:
        counts.setdefault(r["server"], set()).add(r.get("processes", 1))
    return [
        {
            "server": r["server"],
            "processes": r.get("processes", 1),
            "best_rate_under_p99_budget": r["best_rate_under_p99_budget"],
            "join_burst_s": r["join"]["burst_s"],
            "worst_p99_ms_by_rate": {f"{s['target_rate']:g}": finite(worst_p99(s)) for s in r["steps"]},
        }
        for r in results
        if len(counts[r["server"]]) > 1
    ]


def finite(value: float) -> float | None:
    """No p99 at all (nothing arrived) is written as null, which JSON can carry."""
    return None if value == float("inf") else value


def comparison_table(rows: list[dict[str, Any]]) -> list[str]:
    rates = list(dict.fromkeys(rate for row in rows for rate in row["worst_p99_ms_by_rate"]))
    lines = [
        "",
        "processes compared (worst p99 of ack, dashboard and groupmates, ms, at each rate):",
        f"{'server':<12}{'best rate':>10}{'join':>9}" + "".join(f"{'@' + rate:>8}" for rate in rates),
    ]
    for row in rows:
        p99 = row["worst_p99_ms_by_rate"]
        lines.append(
            f"{label(row):<12}{fmt(row['best_rate_under_p99_budget']):>10}{fmt_s(row['join_burst_s']):>9}"
            + "".join(f"{fmt(p99.get(rate)):>8}" for rate in rates)
        )
    return lines
