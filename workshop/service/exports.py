"""Taking the data home: JSON (everything), CSV (one row per card), Markdown (a report)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from datetime import UTC, datetime
from typing import Any

from ..domain.entities import Card
from ..domain.texts import is_invisible
from ..store.workshops import WorkshopStore
from . import counts, report_back, report_document, serialisers
from .context import Context

CSV_COLUMNS = [
    "group",
    "kind",
    "text",
    "author",
    "organisation",
    "created_at",
    "hidden",
    "theme",
    "votes",
    "original_text",
    "merged_into",
]
# A spreadsheet runs a cell starting with these as a formula (CSV injection), also after
# white space or invisible characters, and may read a look-alike sign as the plain one.
_FORMULA_SIGNS = frozenset("=+-@")
_LOOK_ALIKES = frozenset("\u2212")  # the minus sign; full-width and small forms fold by NFKC
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])")


def export_json(ctx: Context, store: WorkshopStore) -> dict[str, Any]:
    """Everything in the workshop: hidden and merged cards flagged, votes counted, the synthesis."""
    return workshop_data(store, ctx.join_url(store.code))


def workshop_data(store: WorkshopStore, join_url: str | None) -> dict[str, Any]:
    """The JSON export's content; `join_url` is None where no server serves the file (a series
    made on the command line)."""
    workshop = store.workshop()
    live = store.live()
    people = store.people.all()
    by_id = {p.id: p for p in people}
    tallies = counts.tallies(store)
    report = report_back.report(store)
    return {
        "workshop": {
            "code": workshop.code,
            "title": workshop.title,
            "question": workshop.question,
            "kinds": [{"id": k.id, "label": k.label} for k in workshop.kinds],
            "assignment": workshop.assignment,
            "allow_anonymous": workshop.allow_anonymous,
            "created_at": workshop.created_at,
            "join_url": join_url,
        },
        "agenda": serialisers.agenda_view(live),
        "phase": serialisers.phase_view(live, workshop),
        "settings": serialisers.settings_view(live),
        "groups": [serialisers.group_view(g) for g in store.groups.all()],
        "participants": [
            {k: v for k, v in serialisers.participant_view(p, online=False).items() if k != "online"}
            for p in people
        ],
        "cards": [
            {**serialisers.card_view(c, by_id.get(c.participant_id)), "merged_into": c.merged_into}
            for c in _every_card(store)
        ],
        "themes": [serialisers.theme_view(t) for t in store.themes.all()],
        "votes": serialisers.tallies_view(tallies),
        "report": report["groups"],
        "synthesis": report["synthesis"],
    }


def _every_card(store: WorkshopStore) -> list[Card]:
    """Listed cards and the ones merged into them, in posting order."""
    folded = [c for cards in store.cards.merged_into().values() for c in cards]
    return sorted([*store.cards.all(), *folded], key=lambda c: c.id)


def export_csv(store: WorkshopStore) -> str:
    """One row per card, safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(store))
    return out.getvalue()


def for_spreadsheets(csv_text: str) -> str:
    """A CSV file's content with the byte-order mark that makes spreadsheets read it as UTF-8."""
    return "\ufeff" + csv_text


def csv_rows(store: WorkshopStore) -> list[list[Any]]:
    """The CSV export's rows (CSV_COLUMNS), each cell already formula-safe."""
    groups = {g.id: g.name for g in store.groups.all()}
    people = {p.id: p for p in store.people.all()}
    themes = {t.id: t.name for t in store.themes.all()}
    votes = counts.tallies(store)["cards"]
    rows = []
    for card in _every_card(store):
        author = people.get(card.participant_id)
        rows.append(
            [
                _cell(groups.get(card.group_id, "")),
                _cell(card.kind),
                _cell(card.text),
                _cell(author.name if author and author.name else "anonymous"),
                _cell(author.organisation if author and author.organisation else ""),
                iso_time(card.created_at),
                "yes" if card.hidden else "no",
                _cell(themes.get(card.theme_id, "") if card.theme_id is not None else ""),
                votes.get(card.id, 0),
                _cell(card.original_text or ""),
                card.merged_into or "",
            ]
        )
    return rows


def report_markdown(store: WorkshopStore) -> str:
    """The question, the agenda and, per group, its themes and cards ranked by votes; then the synthesis."""
    workshop = store.workshop()
    live = store.live()
    cards = store.cards.all(include_hidden=False)
    votes = counts.tallies(store)["cards"]
    themes = {t.id: t.name for t in store.themes.all()}
    report = report_back.report(store)
    doc = report_document.document(store, include_names=False)
    lines = [
        f"# {md_inline(workshop.title)}",
        "",
        f"Workshop `{workshop.code}`, {iso_time(workshop.created_at)[:10]}.",
        "",
        f"> {md_inline(workshop.question)}",
        "",
        "Agenda: " + " → ".join(md_inline(p.name) for p in live.agenda) + ".",
        "",
    ]
    lines += _participation_lines(doc["participation"], len(doc["groups"]), len(doc["cards"]))
    for group, part in zip(store.groups.all(), report["groups"], strict=True):
        lines += [f"## {md_inline(group.name)}", ""]
        if part["themes"]:
            lines += [
                "Themes: "
                + "; ".join(f"{md_inline(t['name'])} ({votes_text(t['votes'])})" for t in part["themes"]),
                "",
            ]
        mine = [c for c in cards if c.group_id == group.id]
        for kind in workshop.kinds:
            ranked = sorted((c for c in mine if c.kind == kind.id), key=lambda c: (-votes.get(c.id, 0), c.id))
            lines += [f"### {md_inline(kind.label)} ({len(ranked)})", ""]
            lines += [_ranked_line(i, c, votes, themes) for i, c in enumerate(ranked, 1)] or ["_None._"]
            lines.append("")
    lines += ["## Synthesis: the room's top items", ""]
    for kind in workshop.kinds:
        top = report["synthesis"]["top"].get(kind.id, [])
        lines += [f"### {md_inline(kind.label)}", ""]
        lines += [
            f"{i}. {md_inline(item['text'])} ({votes_text(item['votes'])}, {md_inline(item['group'])})"
            for i, item in enumerate(top, 1)
        ] or ["_None._"]
        lines.append("")
    merged = report["synthesis"].get("merged", [])
    if merged:
        lines += ["### Merged across groups", ""]
        lines += [
            f"- {md_inline(line['name'])}: "
            + "; ".join(f"{md_inline(part['group'])}: {md_inline(part['text'])}" for part in line["lines"])
            for line in merged
        ]
        lines.append("")
    shared = report["synthesis"]["shared_themes"]
    if shared:
        lines += ["### Themes several groups share", ""]
        lines += [f"- {md_inline(t['name'])}: {', '.join(md_inline(g) for g in t['groups'])}" for t in shared]
        lines.append("")
    lines += ["## Appendix: every card", ""]
    lines += [
        f"- {md_inline(c['group'])} · {md_inline(c['kind'])}: {md_inline(c['text'])}"
        + f" ({votes_text(c['votes'])}"
        + (f" · {md_inline(c['theme'])}" if c["theme"] else "")
        + ")"
        for c in doc["cards"]
    ] or ["_No cards._"]
    lines.append("")
    return "\n".join(lines)


def _participation_lines(participation: dict, groups: int, cards: int) -> list[str]:
    """Who took part, by organisation: counts, never names (the page can add them)."""
    people = participation["people"]
    lines = [
        "## Who took part",
        "",
        f"{people} {'person' if people == 1 else 'people'} in {groups} groups posted {cards} cards.",
        "",
    ]
    lines += [
        f"- {md_inline(row['organisation'])}: {row['people']}" for row in participation["organisations"]
    ]
    return [*lines, ""] if participation["organisations"] else lines


def _ranked_line(rank: int, card: Card, votes: dict[int, int], themes: dict[int, str]) -> str:
    theme = f" · {md_inline(themes[card.theme_id])}" if card.theme_id in themes else ""
    return f"{rank}. {md_inline(card.text)} ({votes_text(votes.get(card.id, 0))}{theme})"


def votes_text(n: int) -> str:
    """A count of dots as the Markdown files say it: "1 vote", "3 votes"."""
    return f"{n} vote" if n == 1 else f"{n} votes"


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


def safe_cell(value: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    return _cell(value)


def _cell(value: str) -> str:
    return "'" + value if _runs_as_formula(value) else value


def _runs_as_formula(value: str) -> bool:
    """A tab or CR first, or a sign (= + - @, full-width or small, or the minus sign) as the
    first character that can be seen."""
    if value.startswith(("\t", "\r")):
        return True
    first = next((ch for ch in value if not is_invisible(ch)), "")
    return bool(first) and (unicodedata.normalize("NFKC", first) in _FORMULA_SIGNS or first in _LOOK_ALIKES)
