"""Setting up a workshop: the rules for title, question, groups, kinds and assignment."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import phases, retention, texts
from .commands import AgendaItem, CreateWorkshop, EditWorkshop, KindLabel
from .entities import ASSIGNMENTS, Kind, Workshop
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
    if cmd.assignment not in ASSIGNMENTS:
        raise InvalidInput("Assignment must be 'self' or 'balanced'.", field="assignment")
    return Setup(
        title=title(cmd.title),
        question=question(cmd.question),
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


def title(text: str) -> str:
    """A workshop's title, trimmed, 1 to 200 characters: at set-up, when edited, for a copy."""
    return texts.required_text(text, field="title", limit=texts.TITLE_MAX, what="The title")


def question(text: str) -> str:
    """The question for the groups, trimmed, 1 to 1,000 characters."""
    return texts.required_text(text, field="question", limit=texts.QUESTION_MAX, what="The question")


def edited(workshop: Workshop, cmd: EditWorkshop) -> Workshop:
    """The set-up with the facilitator's changes, by the rules of setting one up: the title,
    the question, and new labels for existing card kinds (their ids stay, so every card
    keeps its kind). Fields left out stay as they are; asking for no change is refused."""
    if cmd.title is None and cmd.question is None and cmd.kinds is None:
        raise InvalidInput("Give a new title, question or card kinds' labels.", field="title")
    return replace(
        workshop,
        title=title(cmd.title) if cmd.title is not None else workshop.title,
        question=question(cmd.question) if cmd.question is not None else workshop.question,
        kinds=relabelled(workshop.kinds, cmd.kinds) if cmd.kinds is not None else workshop.kinds,
    )


def relabelled(kinds: tuple[Kind, ...], labels: list[KindLabel]) -> tuple[Kind, ...]:
    """New labels for some of `kinds`, named by id; kinds can be neither added nor removed
    while cards may use them."""
    if not labels:
        raise InvalidInput("Give at least one card kind to relabel.", field="kinds")
    known = {k.id for k in kinds}
    new: dict[str, str] = {}
    for item in labels:
        if item.id not in known:
            raise InvalidInput(f"This workshop has no card kind {item.id!r}.", field="kinds")
        if item.id in new:
            raise InvalidInput(f"The card kind {item.id!r} is given twice.", field="kinds")
        new[item.id] = texts.required_text(
            item.label, field="kinds", limit=texts.KIND_LABEL_MAX, what="A card kind's label"
        )
    result = tuple(Kind(k.id, new.get(k.id, k.label)) for k in kinds)
    if len({k.label.casefold() for k in result}) != len(result):
        raise InvalidInput("Two card kinds would have the same label.", field="kinds")
    return result


def copy_title(original: str, given: str | None) -> str:
    """The title of a workshop made from another as a template: the one the owner typed, or
    "<original> (copy)" (shortened to fit) when they typed nothing, so a series never shows
    two identical titles by default."""
    if given is not None and texts.storable(given, field="title").strip():
        return title(given)
    suffix = " (copy)"
    return original[: texts.TITLE_MAX - len(suffix)].rstrip() + suffix


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
