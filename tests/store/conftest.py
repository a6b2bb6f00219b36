"""Store fixtures: a real data folder in `tmp_path`, opened as the app opens it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from tests.factories import FakeClock
from workshop.domain import keys
from workshop.domain.entities import Kind, Workshop
from workshop.store import schema
from workshop.store.files import WorkshopFiles
from workshop.store.handle import connect
from workshop.store.workshops import WorkshopStore

CODE = "K7MQ2Z"
FACILITATOR_KEY = "facilitator-key-for-store-tests"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def open_files(data_dir: Path, clock: FakeClock) -> Iterator[Callable[[], WorkshopFiles]]:
    """Opens the data folder; call again for a fresh process's view of the same files."""
    opened: list[WorkshopFiles] = []

    def open_folder() -> WorkshopFiles:
        files = WorkshopFiles(data_dir, clock=clock, synchronous="NORMAL")
        opened.append(files)
        return files

    yield open_folder
    for files in opened:
        files.close_all()


@pytest.fixture
def files(open_files: Callable[[], WorkshopFiles]) -> WorkshopFiles:
    return open_files()


def new_workshop(
    files: WorkshopFiles,
    code: str = CODE,
    *,
    groups: tuple[str, ...] = ("Finance", "Design"),
    created_at: float = 1_800_000_000.0,
) -> WorkshopStore:
    """A workshop file with its set-up row and groups, written as `create_workshop` does."""
    workshop = Workshop(
        code=code,
        title="Launch event",
        question="What holds your organisation back?",
        kinds=(Kind("challenge", "Challenge"), Kind("opportunity", "Opportunity")),
        assignment="self",
        allow_anonymous=False,
        created_at=created_at,
    )

    def init(store: WorkshopStore) -> None:
        with store.atomic():
            store.init_workshop(workshop, keys.hash_secret(FACILITATOR_KEY))
            for name in groups:
                store.groups.add(name)

    return files.create(code, init)


def old_file(data_dir: Path, version: int, **workshop: Any) -> sqlite_utils.Database:
    """A workshop file as schema `version` wrote it, with its set-up row (plus `workshop`'s
    columns), still open for the test to add rows as that version would."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db = connect(data_dir / f"{CODE}.db", synchronous="NORMAL")
    for number, migration in enumerate(schema.MIGRATIONS[:version], 1):
        with db.atomic():
            migration(db)
            db.execute(f"PRAGMA user_version = {number}")
    with db.atomic():
        db["workshop"].insert(
            {
                "id": 1,
                "code": CODE,
                "title": "Launch event",
                "question": "What holds your organisation back?",
                "kinds": json.dumps([{"id": "challenge", "label": "Challenge"}]),
                "assignment": "self",
                "allow_anonymous": 0,
                "facilitator_key_hash": keys.hash_secret(FACILITATOR_KEY),
                "created_at": 1_700_000_000.0,
                **workshop,
            }
        )
    return db


@pytest.fixture
def ws(files: WorkshopFiles) -> WorkshopStore:
    """A workshop file with two groups, Finance and Design, and no one in it yet."""
    return new_workshop(files)


@pytest.fixture
def person(ws: WorkshopStore) -> Callable[..., int]:
    """Adds a participant to a group (the first by default); returns their id."""

    def add(group_id: int | None = None, name: str | None = "Ada") -> int:
        gid = group_id if group_id is not None else ws.groups.all()[0].id
        return ws.people.add(
            name=name, organisation=None, group_id=gid, token_hash=keys.hash_secret(keys.new_secret())
        ).id

    return add


@pytest.fixture
def make_ws() -> Callable[..., WorkshopStore]:
    """`make_ws(files, code, groups=...)`: another workshop file in a folder."""
    return new_workshop


@pytest.fixture
def reopen(files: WorkshopFiles, open_files: Callable[[], WorkshopFiles], ws: WorkshopStore):
    """Closes every open file, then opens the workshop again, as after a restart."""
    code = ws.code

    def again() -> WorkshopStore:
        files.close_all()
        store = open_files().get(code)
        assert store is not None
        return store

    return again


@pytest.fixture
def facilitator_key() -> str:
    """The key whose hash `ws` was set up with."""
    return FACILITATOR_KEY
