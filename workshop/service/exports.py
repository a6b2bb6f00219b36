"""Taking the data home: JSON (everything), CSV (one row per card), Markdown (a report)."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from typing import Any

from ..store.workshops import WorkshopStore
from . import views
from .context import Context

CSV_COLUMNS = ["group", "kind", "text", "author", "organisation", "created_at", "hidden"]
# A spreadsheet runs a cell starting with these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])")


def export_json(ctx: Context, store: WorkshopStore) -> dict[str, Any]:
    """Everything in the workshop, hidden cards flagged."""
    workshop = store.workshop()
    people = store.people.all()
    by_id = {p.id: p for p in people}
    return {
        "workshop": {
            "code": workshop.code,
            "title": workshop.title,
            "question": workshop.question,
            "kinds": [{"id": k.id, "label": k.label} for k in workshop.kinds],
            "assignment": workshop.assignment,
            "allow_anonymous": workshop.allow_anonymous,
            "created_at": workshop.created_at,
            "join_url": ctx.join_url(workshop.code),
        },
        "groups": [views.group_view(g) for g in store.groups.all()],
        "participants": [
            {k: v for k, v in views.participant_view(p, online=False).items() if k != "online"}
            for p in people
        ],
        "cards": [views.card_view(c, by_id.get(c.participant_id)) for c in store.cards.all()],
    }


def export_csv(store: WorkshopStore) -> str:
    """One row per card, safe to open in a spreadsheet."""
    groups = {g.id: g.name for g in store.groups.all()}
    people = {p.id: p for p in store.people.all()}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for card in store.cards.all():
        author = people.get(card.participant_id)
        writer.writerow(
            [
                _cell(groups.get(card.group_id, "")),
                _cell(card.kind),
                _cell(card.text),
                _cell(author.name if author and author.name else "anonymous"),
                _cell(author.organisation if author and author.organisation else ""),
                iso_time(card.created_at),
                "yes" if card.hidden else "no",
            ]
        )
    return out.getvalue()


def report_markdown(store: WorkshopStore) -> str:
    """The question and, per group, its visible cards by kind."""
    workshop = store.workshop()
    cards = store.cards.all(include_hidden=False)
    lines = [
        f"# {md_inline(workshop.title)}",
        "",
        f"Workshop `{workshop.code}`, {iso_time(workshop.created_at)[:10]}.",
        "",
        f"> {md_inline(workshop.question)}",
        "",
    ]
    for group in store.groups.all():
        lines += [f"## {md_inline(group.name)}", ""]
        mine = [c for c in cards if c.group_id == group.id]
        for kind in workshop.kinds:
            of_kind = [c for c in mine if c.kind == kind.id]
            lines += [f"### {md_inline(kind.label)} ({len(of_kind)})", ""]
            lines += [f"- {md_inline(c.text)}" for c in of_kind] or ["_None._"]
            lines.append("")
    return "\n".join(lines)


def iso_time(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def md_inline(text: str) -> str:
    """Attendees' text on one line, with Markdown's structural characters escaped."""
    flat = " ".join(text.split())
    escaped = "".join("\\" + ch if ch in "\\`*_{}[]()<>#+!|~" else ch for ch in flat)
    # A text starting with "-", "=" or "1." would become a list item or a heading line.
    if escaped[:1] in ("-", "="):
        escaped = "\\" + escaped
    return _ORDERED_ITEM.sub(r"\1\\\2", escaped)


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value
