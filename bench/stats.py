"""Percentiles and the figures of one brainstorm step, from every phone's records."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any


def percentiles(values: list[float]) -> dict[str, float | None]:
    """p50, p95, p99, p99.9 and max in milliseconds (nearest-rank). The tail matters: a 40 ms
    delayed ACK held back 1-3% of acknowledgements, which p50 never shows."""
    if not values:
        return {"p50": None, "p95": None, "p99": None, "p99_9": None, "max": None}
    ordered = sorted(values)

    def rank(p: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))] * 1000

    return {
        "p50": rank(50),
        "p95": rank(95),
        "p99": rank(99),
        "p99_9": rank(99.9),
        "max": ordered[-1] * 1000,
    }


def step_figures(
    phones: list[dict[str, Any]], dashboard: list[tuple[str, float]], seconds: float
) -> dict[str, Any]:
    """Latency from `card:add` to its ack, to the dashboard, and to every groupmate.

    With several server processes `dashboard` holds every workshop's dashboard; a group is
    named by its workshop (`shard`) and its id, since each workshop numbers its own groups."""
    sent: dict[str, tuple[float, float | None, bool, int]] = {}
    group_of: dict[int, tuple[int, int]] = {}
    members: dict[tuple[int, int], list[int]] = defaultdict(list)
    for phone in phones:
        group = (phone.get("shard", 0), phone["group_id"])
        group_of[phone["index"]] = group
        members[group].append(phone["index"])
        for cid, t0, t_ack, ok in phone["sent"]:
            sent[cid] = (t0, t_ack, ok, phone["index"])
    ack = [t_ack - t0 for t0, t_ack, ok, _ in sent.values() if ok and t_ack]
    missing_acks = sum(1 for _, t_ack, _, _ in sent.values() if t_ack is None)
    refused = sum(1 for _, t_ack, ok, _ in sent.values() if t_ack is not None and not ok)
    acked = {cid for cid, (_, t_ack, ok, _) in sent.items() if ok and t_ack}

    on_dashboard: dict[str, float] = {}
    dashboard_dupes = 0
    for cid, t in dashboard:
        if cid in on_dashboard:
            dashboard_dupes += 1
        on_dashboard.setdefault(cid, t)
    dash = [on_dashboard[c] - sent[c][0] for c in acked if c in on_dashboard]

    last_groupmate: dict[str, float] = {}
    got: Counter[tuple[str, int]] = Counter()
    for phone in phones:
        for cid, t in phone["received"]:
            got[(cid, phone["index"])] += 1
            if cid in sent and sent[cid][3] != phone["index"]:
                last_groupmate[cid] = max(last_groupmate.get(cid, 0.0), t)
    duplicates = sum(n - 1 for n in got.values() if n > 1) + dashboard_dupes
    lost = 0
    mates = []
    for cid in acked:
        sender = sent[cid][3]
        expected = [i for i in members[group_of[sender]] if i != sender]
        if cid not in on_dashboard or any(got[(cid, i)] == 0 for i in expected):
            lost += 1
        elif expected:
            mates.append(last_groupmate[cid] - sent[cid][0])
    return {
        "sent": len(sent),
        "rate": len(sent) / seconds if seconds else 0.0,
        "acked": len(acked),
        "refused": refused,
        "missing_acks": missing_acks,
        "lost": lost,
        "duplicated": duplicates,
        "ack_ms": percentiles(ack),
        "dashboard_ms": percentiles(dash),
        "groupmates_ms": percentiles(mates),
    }


def worst_p99(figures: dict[str, Any]) -> float:
    values = [
        figures[k]["p99"]
        for k in ("ack_ms", "dashboard_ms", "groupmates_ms")
        if figures[k]["p99"] is not None
    ]
    return max(values) if values else float("inf")
