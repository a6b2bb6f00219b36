"""Creating workshops and listing the ones in the data folder (the owner's use cases)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from ..domain import codes, keys
from ..domain.commands import CreateWorkshop
from ..domain.entities import Workshop
from ..domain.setup import check_setup, copy_title
from ..store.workshops import WorkshopStore
from .context import Context

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Created:
    code: str
    facilitator_key: str


def create_workshop(ctx: Context, cmd: CreateWorkshop) -> Created:
    """Check the set-up, pick a free code, and write the new workshop's file."""
    checked = check_setup(cmd)
    key = keys.new_secret()
    code = _free_code(ctx)
    workshop = Workshop(
        code=code,
        title=checked.title,
        question=checked.question,
        kinds=checked.kinds,
        assignment=checked.assignment,
        allow_anonymous=checked.allow_anonymous,
        created_at=ctx.files.clock(),
    )

    def init(store: WorkshopStore) -> None:
        with store.atomic():
            store.init_workshop(workshop, keys.hash_secret(key), checked.agenda, checked.settings)
            for name in checked.group_names:
                store.groups.add(name)

    ctx.files.create(code, init)
    log.info("created workshop %s (%s)", code, checked.title)
    return Created(code=code, facilitator_key=key)


def from_template(ctx: Context, source: WorkshopStore, title: str | None = None) -> Created:
    """A new workshop with the set-up of `source` (question, kinds, groups, assignment,
    agenda, vote budget and switches) and none of its people, cards, themes or votes. Its
    title is `title`, or "<source's title> (copy)" without one (domain/setup.copy_title); the
    rest can be changed on its dashboard before it starts (`workshop:edit`)."""
    workshop = source.workshop()
    new_title = copy_title(workshop.title, title)
    live = source.live()
    settings = replace(live.settings, cards_revealed=False, votes_revealed=False, closed=False)
    group_names = [g.name for g in source.groups.all()]
    key = keys.new_secret()
    code = _free_code(ctx)
    copy = replace(workshop, code=code, title=new_title, created_at=ctx.files.clock())

    def init(store: WorkshopStore) -> None:
        with store.atomic():
            store.init_workshop(copy, keys.hash_secret(key), live.agenda, settings)
            for name in group_names:
                store.groups.add(name)

    ctx.files.create(code, init)
    log.info("created workshop %s from %s as a template", code, workshop.code)
    return Created(code=code, facilitator_key=key)


def summaries(ctx: Context, *, title_contains: str = "") -> list[dict[str, Any]]:
    """Every workshop in the data folder, newest first; a damaged file is listed as unreadable.
    With `title_contains`, only the workshops whose title has it (any case)."""
    wanted = title_contains.casefold()
    found = []
    for code, store in ctx.files.every():
        if store is None:  # reported in the log, shown as damaged, never deleted
            found.append(
                {"code": code, "title": None, "created_at": 0.0, "groups": 0, "people": 0, "cards": 0}
                | {"closed": False, "unreadable": True}
            )
            continue
        workshop = store.stored_workshop()  # another process may run it, and rename it
        found.append(
            {
                "code": code,
                "title": workshop.title,
                "created_at": workshop.created_at,
                "groups": store.groups.count(),
                "people": store.people.count(),
                "cards": store.cards.count(),
                # From the file: with several processes, another may be running it.
                "closed": store.stored_live().closed,
                "unreadable": False,
            }
        )
    if wanted:
        found = [s for s in found if s["title"] and wanted in s["title"].casefold()]
    return sorted(found, key=lambda s: s["created_at"], reverse=True)


def _free_code(ctx: Context) -> str:
    for _ in range(100):
        code = codes.new_code(ctx.rng)
        if not ctx.files.exists(code):
            return code
    raise RuntimeError("no free workshop code after 100 tries")
