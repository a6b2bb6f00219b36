"""The facilitator steers the room: phases, agenda, timer, switches, report-back, closing."""

from __future__ import annotations

from dataclasses import replace

from ..domain import phases, ranking, spotlight, timer
from ..domain import settings as rules
from ..domain.commands import (
    ChangeSettings,
    Empty,
    SetAgenda,
    SetPhase,
    ShowReport,
    ShowSpotlight,
    TimerSeconds,
)
from ..domain.errors import NotFound, UnknownGroup
from ..domain.setup import agenda as check_agenda
from ..store.workshops import WorkshopStore
from . import report_news, rooms, serialisers
from .actors import Actor
from .context import Context
from .outcome import Announce, Outcome


def set_phase(ctx: Context, store: WorkshopStore, actor: Actor, cmd: SetPhase) -> Outcome:
    """Move the room to another phase; the timer is set to its length, not started."""
    live = store.live()
    index = phases.check_index(cmd.index, live.agenda)
    was_report = phases.shows_report(live.phase, closed=live.closed)
    live = store.save_live(phase_index=index, timer=timer.for_phase(live.agenda[index].minutes))
    payload = _phase_payload(store)
    outcome = Outcome(ack=payload, announce=(Announce("phase:changed", payload, rooms.everyone(store.code)),))
    if was_report != phases.shows_report(live.phase, closed=live.closed):
        # Entering or leaving report-back (or a closed phase) changes what every screen shows.
        return Outcome(ack=payload, announce=outcome.announce, refresh=(rooms.everyone(store.code),))
    return outcome


def set_agenda(ctx: Context, store: WorkshopStore, actor: Actor, cmd: SetAgenda) -> Outcome:
    """Replace the agenda; the room stays on the same phase number where it still exists."""
    agenda = check_agenda(cmd.agenda)
    live = store.live()
    index = min(live.phase_index, len(agenda) - 1)
    store.save_live(agenda=agenda, phase_index=index)
    payload = {
        "agenda": serialisers.agenda_view(store.live()),
        "phase": serialisers.phase_view(store.live(), store.workshop()),
    }
    return Outcome(ack=payload, announce=(Announce("agenda:changed", payload, rooms.everyone(store.code)),))


def start_timer(ctx: Context, store: WorkshopStore, actor: Actor, cmd: TimerSeconds) -> Outcome:
    return _timer(store, timer.start(cmd.seconds, store.clock()))


def pause_timer(ctx: Context, store: WorkshopStore, actor: Actor, cmd: Empty) -> Outcome:
    return _timer(store, timer.pause(store.live().timer, store.clock()))


def resume_timer(ctx: Context, store: WorkshopStore, actor: Actor, cmd: Empty) -> Outcome:
    return _timer(store, timer.resume(store.live().timer, store.clock()))


def add_time(ctx: Context, store: WorkshopStore, actor: Actor, cmd: TimerSeconds) -> Outcome:
    return _timer(store, timer.add(store.live().timer, cmd.seconds, store.clock()))


def reset_timer(ctx: Context, store: WorkshopStore, actor: Actor, cmd: Empty) -> Outcome:
    return _timer(store, timer.reset(store.live().timer))


def change_settings(ctx: Context, store: WorkshopStore, actor: Actor, cmd: ChangeSettings) -> Outcome:
    """Vote budget and the switches; attendees get a fresh state, since what they see changes."""
    live = store.live()
    changed = rules.change(live.settings, rules.requested(cmd), closed=live.closed)
    outcome = _settings(store, changed, refresh=True)
    if changed.votes_per_person != live.settings.votes_per_person:  # "all" means another number
        return replace(outcome, progress=store.code)
    return outcome


def reveal_cards(ctx: Context, store: WorkshopStore, actor: Actor, cmd: Empty) -> Outcome:
    return _settings(store, replace(store.live().settings, cards_revealed=True), refresh=True)


def close_workshop(ctx: Context, store: WorkshopStore, actor: Actor, cmd: Empty) -> Outcome:
    """Posting and voting end everywhere; every screen shows the summary."""
    return _open_or_close(store, closed=True)


def reopen_workshop(ctx: Context, store: WorkshopStore, actor: Actor, cmd: Empty) -> Outcome:
    return _open_or_close(store, closed=False)


def show_report(ctx: Context, store: WorkshopStore, actor: Actor, cmd: ShowReport) -> Outcome:
    """Point the projector at one group's report, or at the synthesis."""
    if cmd.synthesis:
        cursor = ranking.Cursor("synthesis", None)
    else:
        if cmd.group_id is None or store.groups.get(cmd.group_id) is None:
            raise UnknownGroup("That group does not exist.", field="group_id")
        cursor = ranking.Cursor("group", cmd.group_id)
    return _report(store, cursor)


def step_report(ctx: Context, store: WorkshopStore, actor: Actor, cmd: Empty, delta: int) -> Outcome:
    """Next or previous stop of report-back: each group in order, then the synthesis."""
    group_ids = [g.id for g in store.groups.all()]
    return _report(store, ranking.step(store.live().report, group_ids, delta))


def _report(store: WorkshopStore, cursor: ranking.Cursor) -> Outcome:
    store.save_live(report=cursor)
    full, announce = report_news.report_changed(store)
    return Outcome(ack={"report": full}, announce=announce)


def show_spotlight(ctx: Context, store: WorkshopStore, actor: Actor, cmd: ShowSpotlight) -> Outcome:
    """Put one card or one theme full screen on the projector, over whatever it showed."""
    aimed = spotlight.aim(cmd.card_id, cmd.theme_id)
    if aimed.card_id is not None:
        spotlight.check_card(store.cards.get(aimed.card_id))
    elif store.themes.get(aimed.theme_id) is None:
        raise NotFound("That theme does not exist.", field="theme_id")
    return _spotlight(store, aimed)


def clear_spotlight(ctx: Context, store: WorkshopStore, actor: Actor, cmd: Empty) -> Outcome:
    """Give the projector back to the board or the report."""
    return _spotlight(store, None)


def _spotlight(store: WorkshopStore, aimed: spotlight.Spotlight | None) -> Outcome:
    live = store.save_live(spotlight=aimed)
    payload = {"spotlight": serialisers.spotlight_view(live)}
    code = store.code
    return Outcome(
        ack=payload,
        announce=(
            Announce("spotlight:changed", payload, rooms.facilitators(code)),
            Announce("spotlight:changed", payload, rooms.screens(code)),
        ),
    )


def _open_or_close(store: WorkshopStore, *, closed: bool) -> Outcome:
    live = store.live()
    changes: dict[str, object] = {"settings": replace(live.settings, closed=closed)}
    if not closed and live.phase.kind == "closed":
        # Reopening from a closed phase goes back to the phase before it.
        changes["phase_index"] = max(0, live.phase_index - 1)
    store.save_live(**changes)
    payload = {"settings": serialisers.settings_view(store.live())}
    event = "workshop:closed" if closed else "workshop:reopened"
    return Outcome(
        ack=payload,
        announce=(Announce(event, {}, rooms.everyone(store.code)),),
        refresh=(rooms.everyone(store.code),),
    )


def _settings(store: WorkshopStore, new: rules.Settings, *, refresh: bool) -> Outcome:
    store.save_live(settings=new)
    payload = {"settings": serialisers.settings_view(store.live())}
    code = store.code
    return Outcome(
        ack=payload,
        announce=(Announce("settings:changed", payload, rooms.everyone(code)),),
        refresh=(rooms.everyone(code),) if refresh else (),
    )


def _timer(store: WorkshopStore, new: timer.Timer) -> Outcome:
    live = store.save_live(timer=new)
    payload = {"timer": serialisers.timer_view(live, store.clock())}
    return Outcome(ack=payload, announce=(Announce("timer:changed", payload, rooms.everyone(store.code)),))


def _phase_payload(store: WorkshopStore) -> dict:
    live = store.live()
    return {
        "phase": serialisers.phase_view(live, store.workshop()),
        "timer": serialisers.timer_view(live, store.clock()),
    }
