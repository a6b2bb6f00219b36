"""The flood scenario's printed table, and the same as markdown for docs/performance.md and
docs/security.md."""

from __future__ import annotations

from typing import Any

from .report import fmt

MB = 2**20


def victims_text(figures: dict[str, Any] | None) -> str:
    """p50/p99/max of the victims' acknowledgements, and how many went unanswered."""
    if not figures:
        return "-"
    ack = figures["ack_ms"]
    text = "/".join(fmt(ack[p]) for p in ("p50", "p99", "max"))
    notes = []
    if figures["cards"] - figures["answered"]:
        notes.append(f"{figures['cards'] - figures['answered']} unanswered")
    if figures.get("drops"):
        notes.append(f"{figures['phones_dropped']} phones dropped")
        if figures["not_back"]:
            notes.append(f"{figures['not_back']} not back")
        elif figures["longest_offline_s"] is not None:
            notes.append(f"offline up to {figures['longest_offline_s']:.0f} s")
    return text + (f" ({', '.join(notes)})" if notes else "")


def told(fate: dict[str, Any]) -> str:
    """What the server said when it ended the connection, briefly."""
    said = [s for s in fate.get("said", []) if s["kind"] != "other"]
    if not said:
        return ""
    first = said[0]
    text = first["text"]
    if first["kind"] == "event closing" and '"code":' in text.replace(" ", ""):
        text = text.replace(" ", "").split('"code":"', 1)[1].split('"', 1)[0]
    return f"{first['kind']} {text}".strip()[:60]


def acks_text(acks: dict[str, int]) -> str:
    top = sorted(acks.items(), key=lambda kv: -kv[1])[:3]
    return ", ".join(f"{code} {count}" for code, count in top) or "no answers"


def fate_text(row: dict[str, Any]) -> str:
    """The flooder's fate in one cell."""
    if "failed" in row:
        return f"did not run: {row['failed']}"
    fate = row["fate"]
    if "failed" in fate:
        return f"failed: {fate['failed']}"
    if row["flood"] == "one_token":
        per = fate["accepted_per_connection"]
        return (
            f"{fate['accepted']} cards accepted of {fate['frames_sent']} sent on {fate['connections']}"
            f" connections (at most {max(per) if per else 0} on one); {fate['cut']} cut;"
            f" {acks_text(fate['acks'])}"
        )
    if row["flood"] == "half_open":
        return (
            f"{fate['still_open']} of {fate['opened']} still open after {fate['watched_s']:g} s"
            + (
                f" (all closed by {fate['all_closed_after_s']:g} s)"
                if fate["all_closed_after_s"] is not None
                else ""
            )
            + (f"; {fate['refused']} refused" if fate["refused"] else "")
        )
    if row["flood"] == "joins":
        refused = {k: v for k, v in fate["outcomes"].items() if k != "ok"}
        return f"{fate['accepted']} joined in {fate['seconds']:g} s, refused: " + (
            ", ".join(f"{k} {v}" for k, v in refused.items()) or "none"
        )
    if fate["cut_ms"] is None:
        return f"not cut off; answers: {acks_text(fate['acks'])}"
    said = told(fate)
    parts = [f"cut at {fate['cut_ms']} ms ({fate['frames_by_cut']} frames written by then)"]
    if said:
        parts.append(f"told: {said} at {fate['told_ms']} ms")
    if fate.get("closed_ms") is not None:
        parts.append(f"TCP {fate['closed']} at {fate['closed_ms']} ms")
    elif fate.get("send_failed_ms") is not None:
        parts.append(f"{fate['closed']} at {fate['send_failed_ms']} ms")
    else:
        parts.append("TCP left open")
    return "; ".join(parts) + f"; answers: {acks_text(fate['acks'])}"


def rss_text(row: dict[str, Any]) -> str:
    if "rss_before" not in row:
        return "-"
    return f"{row['rss_before'] / MB:.0f}/{row['peak_rss'] / MB:.0f}/{row['rss_after'] / MB:.0f}"


def log_text(row: dict[str, Any]) -> str:
    if "log" not in row:
        return "-"
    log = row["log"]
    size = log["bytes"]
    amount = f"{size / MB:.1f} MB" if size >= MB else f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} B"
    return f"+{amount}, {log['lines']} lines, {log['tracebacks']} tracebacks"


def rows(result: dict[str, Any]) -> list[list[str]]:
    out = [["none (quiet)", "-", victims_text(result["quiet"].get("victims")), "-", "-", "-"]]
    for row in result["rows"]:
        out.append(
            [
                row["flood"],
                str(row.get("sent", "-")),
                victims_text(row.get("victims")),
                fate_text(row),
                rss_text(row),
                log_text(row),
            ]
        )
    return out


HEADERS = [
    "flood",
    "sent",
    "victims' ack p50/p99/max ms",
    "flooder's fate",
    "RSS MB before/peak/after",
    "log",
]


def table(result: dict[str, Any]) -> str:
    lines = ["", *(f"  {f['flood']:<10} {f['what']}" for f in result["rows"]), ""]
    body = rows(result)
    widths = [max(len(r[i]) for r in [HEADERS, *body]) for i in range(len(HEADERS))]
    widths[3] = min(widths[3], 90)
    for r in [HEADERS, *body]:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
    lines.append("")
    lines.append(summary(result))
    return "\n".join(lines)


def markdown(result: dict[str, Any]) -> str:
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + " --- |" * len(HEADERS)]
    for r in rows(result):
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in r) + " |")
    return "\n".join(lines) + "\n\n" + summary(result)


def summary(result: dict[str, Any]) -> str:
    v = result.get("victims", {})
    total = v.get("total")
    parts = [f"{v.get('joined', 0)}/{v.get('phones', 0)} victims joined"]
    if total:
        parts.append(f"{total['cards']} victim cards sent, {total['ok']} acknowledged ok")
        if total["refused"]:
            parts.append(
                "refused or unanswered: " + ", ".join(f"{k} {n}" for k, n in total["refused"].items())
            )
        if total["drops"]:
            parts.append(f"victim connections lost {total['drops']} times ({total['not_back']} not back)")
    if "acked_not_stored" in v:
        parts.append(f"acknowledged but not stored: {v['acked_not_stored']}")
    parts.append("server alive at the end" if result.get("server_alive") else "server NOT alive at the end")
    return "; ".join(parts) + "."
