"""Setting up a workshop: the rules for title, question, groups, kinds and assignment."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import phases, retention, texts
from .commands import AgendaItem, CreateWorkshop
from .entities import ASSIGNMENTS, Kind
from .errors import InvalidInput
from .phases import Phase
from .settings import Settings, cards_per_person, max_people, votes_per_person

DEFAULT_KINDS = ("challenge", "opportunity")
MAX_GROUPS = 200  # a conference room of 2,000 in groups of ten
MAX_KINDS = 8
_KIND_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class Setup:
    """A checked, normalised set-up, ready to be stored."""

    title: str
    question: str
    group_names: tuple[str, ...]
    kinds: tuple[Kind, ...]
    assignment: str
    allow_anonymous: bool
    agenda: tuple[Phase, ...]
    settings: Settings


def check_setup(cmd: CreateWorkshop) -> Setup:
    """Apply every set-up rule; raise the first broken one."""
    title = texts.required_text(cmd.title, field="title", limit=texts.TITLE_MAX, what="The title")
    question = texts.required_text(
        cmd.question, field="question", limit=texts.QUESTION_MAX, what="The question"
    )
    if cmd.assignment not in ASSIGNMENTS:
        raise InvalidInput("Assignment must be 'self' or 'balanced'.", field="assignment")
    return Setup(
        title=title,
        question=question,
        group_names=group_names(cmd.groups),
        kinds=kinds(cmd.kinds if cmd.kinds is not None else list(DEFAULT_KINDS)),
        assignment=cmd.assignment,
        allow_anonymous=cmd.allow_anonymous,
        agenda=agenda(cmd.agenda, cmd.agenda_template),
        settings=Settings(
            votes_per_person=votes_per_person(cmd.votes_per_person),
            multiple_votes_per_item=cmd.multiple_votes_per_item,
            cards_while_voting=cmd.cards_while_voting,
            blur_cards=cmd.blur_cards,
            cards_per_person=cards_per_person(cmd.cards_per_person),
            max_people=max_people(cmd.max_people),
            retention_days=retention.parse(cmd.retention),
        ),
    )


def agenda(items: list[AgendaItem] | None, template: str | None = None) -> tuple[Phase, ...]:
    """The agenda as given, or a ready-made template (by default "Challenges and opportunities")."""
    if items is not None:
        return phases.check_agenda([phases.check_phase(i.kind, i.name, i.minutes, i.question) for i in items])
    name = template or phases.DEFAULT_TEMPLATE
    if name not in phases.TEMPLATES:
        raise InvalidInput(f"Agenda templates are: {', '.join(phases.TEMPLATES)}.", field="agenda_template")
    return phases.TEMPLATES[name]


def group_names(groups: list[str] | int) -> tuple[str, ...]:
    """Names as given, or "Group 1..n" for a count."""
    if isinstance(groups, int):
        if not 1 <= groups <= MAX_GROUPS:
            raise InvalidInput(f"Give between 1 and {MAX_GROUPS} groups.", field="groups")
        return tuple(f"Group {n}" for n in range(1, groups + 1))
    if not 1 <= len(groups) <= MAX_GROUPS:
        raise InvalidInput(f"Give between 1 and {MAX_GROUPS} groups.", field="groups")
    names = tuple(group_name(name) for name in groups)
    if len({name.casefold() for name in names}) != len(names):
        raise InvalidInput("Two groups have the same name.", field="groups")
    return names


def group_name(name: str) -> str:
    """One group's name, trimmed and within its limit."""
    return texts.required_text(name, field="name", limit=texts.GROUP_NAME_MAX, what="A group name")


def kinds(ids: list[str]) -> tuple[Kind, ...]:
    """Card kinds from their ids: lower-case words, shown with a capital first letter."""
    if not 1 <= len(ids) <= MAX_KINDS:
        raise InvalidInput(f"Give between 1 and {MAX_KINDS} card kinds.", field="kinds")
    cleaned = []
    for raw in ids:
        kind_id = raw.strip().lower().replace(" ", "_")
        if not kind_id or len(kind_id) > texts.KIND_MAX or not _KIND_RE.match(kind_id):
            raise InvalidInput(
                f"A card kind must be a word of letters, digits, '-' or '_' (got {raw!r}).",
                field="kinds",
            )
        cleaned.append(kind_id)
    if len(set(cleaned)) != len(cleaned):
        raise InvalidInput("Two card kinds are the same.", field="kinds")
    return tuple(Kind(kind_id, kind_label(kind_id)) for kind_id in cleaned)


def kind_label(kind_id: str) -> str:
    """`opportunity` → "Opportunity", `quick_win` → "Quick win"."""
    words = kind_id.replace("_", " ").replace("-", " ")
    return words[:1].upper() + words[1:]
