"""A series: several workshops side by side, what recurs across them, one combined export.

Everything here is computed from the workshops' stores by reading; nothing is written, so
each workshop's file stays exactly as its own workshop left it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any

from ..domain import codes, recurrence
from ..domain.errors import InvalidInput, TooFewWorkshops, UnknownWorkshop
from ..domain.recurrence import Mention, Recurring, Tally
from ..store.workshops import WorkshopStore
from . import exports, report_back
from .context import Context
from .serialisers import View

CSV_COLUMNS = ["workshop_code", "workshop_title", *exports.CSV_COLUMNS]


def select(ctx: Context, chosen: Sequence[str], prefix: str | None) -> list[WorkshopStore]:
    """The workshops of a series: the chosen codes, or every title starting with `prefix`
    (case-insensitive); two at least, fifty at most."""
    picked = list(dict.fromkeys(c.strip() for c in chosen if c.strip()))
    prefix = (prefix or "").strip()
    if picked and prefix:
        raise InvalidInput("Choose workshops or give a title prefix, not both.", field="prefix")
    if prefix:
        return _by_prefix(ctx, prefix)
    recurrence.check_size(len(picked))
    stores: dict[str, WorkshopStore] = {}
    for raw in picked:
        code = codes.normalize(raw)
        if code is None:
            raise UnknownWorkshop(f"{raw!r} is not a workshop code.", field="w")
        try:
            stores[code] = ctx.store(code)
        except UnknownWorkshop:
            raise UnknownWorkshop(f"No workshop has the code {code}.", field="w") from None
    recurrence.check_size(len(stores))  # "abcdef" and "ABCDEF" are one workshop
    return list(stores.values())


def _by_prefix(ctx: Context, prefix: str) -> list[WorkshopStore]:
    folded = recurrence.title_prefix(prefix).casefold()
    found = []
    for _, store in ctx.files.every():
        # A damaged file (None) is listed as such on the home page.
        if store is not None and store.workshop().title.casefold().startswith(folded):
            found.append(store)
    if len(found) < recurrence.MIN_WORKSHOPS:
        many = "No workshop title starts" if not found else "Only one workshop title starts"
        raise TooFewWorkshops(f"{many} with “{prefix}”; a series needs two or more.", field="prefix")
    recurrence.check_size(len(found), field="prefix")
    return found


def series(stores: Sequence[WorkshopStore]) -> View:
    """The workshops side by side in the order they were held, their recurring themes and
    top items, and their cards per kind over time."""
    recurrence.check_size(len(stores))
    parts = sorted((_part(s) for s in stores), key=lambda p: (p["created_at"], p["code"]))
    titles = {p["code"]: p["title"] for p in parts}
    labels: dict[str, str] = {}
    for part in parts:
        for kind in part.pop("kinds"):
            labels.setdefault(kind["id"], kind["label"])
    themes = [Mention(p["code"], t["name"], t["votes"]) for p in parts for t in p.pop("themes")]
    tops = [p.pop("top") for p in parts]
    items = []
    for kind in labels:
        mentions = [
            Mention(part["code"], item["text"], item["votes"])
            for part, top in zip(parts, tops, strict=True)
            for item in top.get(kind, [])
        ]
        items += [{"kind": kind, **_recurring_view(r, titles)} for r in recurrence.recurring(mentions)]
    tallies = recurrence.over_time([Tally(p["code"], p["created_at"], p["counts"]) for p in parts])
    return {
        "workshops": parts,
        "kinds": [{"id": k, "label": label} for k, label in labels.items()],
        "recurring_themes": [_recurring_view(r, titles) for r in recurrence.recurring(themes)],
        "recurring_items": items,
        "over_time": [
            {"code": t.workshop, "title": titles[t.workshop], "date": _date(t.held_at), "counts": t.counts}
            for t in tallies
        ],
    }


def _part(store: WorkshopStore) -> dict[str, Any]:
    """One workshop's column, with what `series` needs to find recurrences (removed there)."""
    workshop = store.workshop()
    report = report_back.report(store)
    counts = {k.id: 0 for k in workshop.kinds}
    for per_kind in store.cards.counts().values():
        for kind, n in per_kind.items():
            counts[kind] = counts.get(kind, 0) + n
    return {
        "code": workshop.code,
        "title": workshop.title,
        "question": workshop.question,
        "created_at": workshop.created_at,
        "date": _date(workshop.created_at),
        "groups": store.groups.count(),
        "people": store.people.count(),
        "cards": sum(counts.values()),
        "counts": counts,
        "kinds": [{"id": k.id, "label": k.label} for k in workshop.kinds],
        "themes": [t for group in report["groups"] for t in group["themes"]],
        "top": {
            kind: [item for group in report["groups"] for item in group["top"].get(kind, [])]
            for kind in workshop.kind_ids()
        },
    }


def _recurring_view(found: Recurring, titles: dict[str, str]) -> View:
    return {
        "text": found.text,
        "workshops": [
            {
                "code": code,
                "title": titles[code],
                "votes": found.votes_in(code),
                "texts": found.texts_in(code),
            }
            for code in found.workshops
        ],
    }


def _date(epoch: float) -> str:
    return exports.iso_time(epoch)[:10]


def series_csv(stores: Sequence[WorkshopStore]) -> str:
    """Every card of every workshop, one row each, the workshop's code and title first."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for store in _held_order(stores):
        workshop = store.workshop()
        lead = [workshop.code, exports.safe_cell(workshop.title)]
        writer.writerows([*lead, *row] for row in exports.csv_rows(store))
    return out.getvalue()


def series_json(stores: Sequence[WorkshopStore], join_url: Callable[[str], str] | None = None) -> View:
    """The series view and, for each workshop, everything its own JSON export has."""
    return {
        "series": series(stores),
        "workshops": [
            exports.workshop_data(s, join_url(s.code) if join_url else None) for s in _held_order(stores)
        ],
    }


def series_markdown(stores: Sequence[WorkshopStore]) -> str:
    """The series as a report: side by side, what recurs, counts over time, then each
    workshop's own report one heading level down."""
    view = series(stores)
    parts, kinds = view["workshops"], view["kinds"]
    md = exports.md_inline
    lines = [f"# A series of {len(parts)} workshops", ""]
    lines += _table(
        ["", *(f"{md(p['title'])} (`{p['code']}`)" for p in parts)],
        [
            ["Date", *(p["date"] for p in parts)],
            ["Groups", *(str(p["groups"]) for p in parts)],
            ["People", *(str(p["people"]) for p in parts)],
            ["Cards", *(str(p["cards"]) for p in parts)],
            *([md(k["label"]), *(str(p["counts"].get(k["id"], 0)) for p in parts)] for k in kinds),
        ],
    )
    lines += ["## Themes that recur", ""]
    lines += [_recurring_line(r) for r in view["recurring_themes"]] or ["_None._"]
    lines.append("")
    lines += ["## Top items that recur", ""]
    for kind in kinds:
        found = [r for r in view["recurring_items"] if r["kind"] == kind["id"]]
        lines += [f"### {md(kind['label'])}", ""]
        lines += [_recurring_line(r) for r in found] or ["_None._"]
        lines.append("")
    lines += ["## Cards per kind over time", ""]
    lines += _table(
        ["Date", "Workshop", *(md(k["label"]) for k in kinds)],
        [
            [t["date"], f"`{t['code']}`", *(str(t["counts"].get(k["id"], 0)) for k in kinds)]
            for t in view["over_time"]
        ],
    )
    lines += ["## The workshops", ""]
    for store in _held_order(stores):
        lines += [_one_level_down(line) for line in exports.report_markdown(store).splitlines()]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _recurring_line(found: View) -> str:
    md = exports.md_inline
    where = "; ".join(
        f"`{w['code']}` ({exports.votes_text(w['votes'])}): " + " / ".join(f"“{md(t)}”" for t in w["texts"])
        for w in found["workshops"]
    )
    return f"- **{md(found['text'])}** ({len(found['workshops'])} workshops) — {where}"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
        *("| " + " | ".join(row) + " |" for row in rows),
        "",
    ]


def _one_level_down(line: str) -> str:
    # md_inline escapes a "#" at the start of attendees' text, so a line starting with "#"
    # is one of the report's own headings.
    return "#" + line if line.startswith("#") else line


def _held_order(stores: Sequence[WorkshopStore]) -> list[WorkshopStore]:
    return sorted(stores, key=lambda s: (s.workshop().created_at, s.code))
