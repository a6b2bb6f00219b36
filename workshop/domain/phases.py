"""The agenda: phases of a workshop, what each allows, and the two ready-made templates."""

from __future__ import annotations

from dataclasses import dataclass

from . import texts
from .errors import InvalidInput, WrongPhase

KINDS = ("join", "brainstorm", "cluster", "vote", "report", "closed")
LABELS = {
    "join": "Join",
    "brainstorm": "Brainstorm",
    "cluster": "Cluster",
    "vote": "Vote",
    "report": "Report back",
    "closed": "Closed",
}
MAX_PHASES = 30
MAX_MINUTES = 600
_POSTING = ("join", "brainstorm", "cluster")


@dataclass(frozen=True, slots=True)
class Phase:
    kind: str
    name: str
    minutes: int | None = None
    question: str | None = None


TEMPLATES: dict[str, tuple[Phase, ...]] = {
    "challenges": (
        Phase("join", "Join"),
        Phase("brainstorm", "Challenges and opportunities", 15),
        Phase("cluster", "Cluster into themes", 10),
        Phase("vote", "Vote", 5),
        Phase("report", "Report back", 15),
    ),
    # Liberating Structures' 1-2-4-All, as brainstorm rounds of growing size, then the room.
    "1-2-4-all": (
        Phase("join", "Join"),
        Phase("brainstorm", "1 · On your own, in silence", 1, "Write your own ideas, alone."),
        Phase("brainstorm", "2 · In pairs", 2, "With a neighbour: build on each other's ideas."),
        Phase("brainstorm", "4 · In fours", 4, "Two pairs together: what stands out?"),
        Phase("report", "All · The whole room", 5),
    ),
}
DEFAULT_TEMPLATE = "challenges"


def check_phase(kind: str, name: str | None, minutes: int | None, question: str | None) -> Phase:
    """One agenda item, checked."""
    if kind not in KINDS:
        raise InvalidInput(f"A phase kind must be one of: {', '.join(KINDS)}.", field="agenda")
    if minutes is not None and not 1 <= minutes <= MAX_MINUTES:
        raise InvalidInput(f"A phase lasts 1 to {MAX_MINUTES} minutes.", field="agenda")
    clean_name = texts.optional_text(name, field="agenda", limit=texts.GROUP_NAME_MAX, what="A phase name")
    clean_question = texts.optional_text(
        question, field="agenda", limit=texts.QUESTION_MAX, what="A phase question"
    )
    return Phase(kind, clean_name or LABELS[kind], minutes, clean_question)


def check_agenda(phases: list[Phase]) -> tuple[Phase, ...]:
    if not 1 <= len(phases) <= MAX_PHASES:
        raise InvalidInput(f"An agenda has 1 to {MAX_PHASES} phases.", field="agenda")
    return tuple(phases)


def allows_cards(phase: Phase, *, closed: bool, cards_while_voting: bool) -> bool:
    if closed or phase.kind in ("report", "closed"):
        return False
    return phase.kind in _POSTING or (phase.kind == "vote" and cards_while_voting)


def require_cards(phase: Phase, *, closed: bool, cards_while_voting: bool) -> None:
    if not allows_cards(phase, closed=closed, cards_while_voting=cards_while_voting):
        raise WrongPhase(_why(phase, closed, "Cards can't be posted or changed"))


def allows_votes(phase: Phase, *, closed: bool) -> bool:
    return not closed and phase.kind == "vote"


def require_votes(phase: Phase, *, closed: bool) -> None:
    if not allows_votes(phase, closed=closed):
        raise WrongPhase(_why(phase, closed, "Voting is not open"))


def shows_report(phase: Phase, *, closed: bool) -> bool:
    """Whether phones and the projector show report-back: in a report phase, and once the
    workshop is closed (the summary). Facilitators always see it."""
    return closed or phase.kind == "report"


def check_index(index: int, agenda: tuple[Phase, ...]) -> int:
    """A phase number the agenda has."""
    if not 0 <= index < len(agenda):
        raise InvalidInput(f"The agenda has phases 0 to {len(agenda) - 1}.", field="index")
    return index


def is_closed(phase: Phase, closed_flag: bool) -> bool:
    return closed_flag or phase.kind == "closed"


def _why(phase: Phase, closed: bool, what: str) -> str:
    if closed or phase.kind == "closed":
        return "The workshop is closed."
    return f"{what} during “{phase.name}”."
