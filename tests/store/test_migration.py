"""A file made before facilitation (schema v1) is brought up to date when it is opened."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from tests.store.conftest import CODE, FACILITATOR_KEY, old_file
from workshop.domain import keys, timer
from workshop.domain.phases import TEMPLATES
from workshop.domain.ranking import Cursor
from workshop.domain.settings import Settings
from workshop.store import schema

V1_TABLES = ("workshop", "groups", "participants", "cards")


@pytest.fixture
def v1_file(data_dir):
    """A workshop file as version 1 wrote it: set-up row, two groups, one person, one card."""
    path = data_dir / f"{CODE}.db"
    db = old_file(data_dir, 1)
    with db.atomic():
        db["groups"].insert_all(
            [
                {"id": 1, "name": "Finance", "position": 0, "created_at": 1_700_000_001.0},
                {"id": 2, "name": "Design", "position": 1, "created_at": 1_700_000_002.0},
            ]
        )
        db["participants"].insert(
            {
                "id": 1,
                "name": "Ada",
                "organisation": "ACME",
                "group_id": 1,
                "token_hash": keys.hash_secret("token"),
                "joined_at": 1_700_000_010.0,
            }
        )
        db["cards"].insert(
            {
                "id": 1,
                "group_id": 1,
                "participant_id": 1,
                "kind": "challenge",
                "text": "Data silos",
                "client_id": "c-1",
                "created_at": 1_700_000_020.0,
                "updated_at": None,
                "hidden": 0,
            }
        )
    rows = {table: db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() for table in V1_TABLES}
    db.close()
    return path, rows


@pytest.fixture
def migrated(v1_file, open_files):
    """The v1 file opened by the app, as after an upgrade."""
    store = open_files().get(CODE)
    assert store is not None
    return store


def test_v1_file_is_at_version_one_before_opening(v1_file):
    path, _ = v1_file
    with closing(sqlite3.connect(str(path))) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "votes" not in tables and "themes" not in tables


def test_opening_a_v1_file_migrates_it_to_the_latest_version(v1_file, migrated):
    assert schema.version(migrated.handle.db) == schema.LATEST
    migrated.close()
    with closing(sqlite3.connect(str(v1_file[0]))) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST


def test_migration_keeps_every_row_and_every_value(v1_file, migrated):
    _, before = v1_file
    for table, rows in before.items():
        after = migrated.handle.db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        assert len(after) == len(rows), table
        width = len(rows[0])  # new columns are added at the end
        assert [row[:width] for row in after] == rows, table


def test_migrated_rows_read_as_entities_with_the_new_fields_empty(migrated):
    assert migrated.workshop().title == "Launch event"
    assert migrated.facilitator_key_hash() == keys.hash_secret(FACILITATOR_KEY)
    assert [(g.name, g.locked, g.size_limit) for g in migrated.groups.all()] == [
        ("Finance", False, None),
        ("Design", False, None),
    ]
    ada = migrated.people.get(1)
    assert (ada.name, ada.organisation, ada.removed) == ("Ada", "ACME", False)
    assert migrated.people.count() == 1
    card = migrated.cards.get(1)
    assert card.text == "Data silos"
    assert (card.theme_id, card.merged_into, card.original_text) == (None, None, None)
    assert migrated.cards.all() == [card]


def test_migrated_workshop_gets_the_default_agenda_and_settings(migrated):
    live = migrated.live()
    assert live.agenda == TEMPLATES["challenges"]
    assert live.phase_index == 0
    assert live.phase.kind == "join"
    assert live.settings == Settings()
    assert live.timer == timer.for_phase(None)
    assert live.report == Cursor()
    assert live.closed is False


def test_migrated_workshop_keeps_its_saved_live_state_across_a_restart(v1_file, open_files):
    first = open_files()
    saved = first.get(CODE).save_live(phase_index=1, settings=Settings(votes_per_person=5))
    first.close_all()
    assert open_files().get(CODE).live() == saved


def test_migrated_file_passes_the_integrity_check(v1_file, migrated):
    assert migrated.handle.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert migrated.handle.db.execute("PRAGMA foreign_key_check").fetchall() == []
    migrated.close()
    with closing(sqlite3.connect(str(v1_file[0]))) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_migrated_file_takes_themes_votes_and_facilitation_changes(migrated):
    theme = migrated.themes.add(1, "Data")
    card = migrated.cards.set_theme(migrated.cards.get(1), theme.id)
    vote = migrated.votes.add(1, "card", card.id, "v-1")
    migrated.groups.set_locked(migrated.groups.get(2), True)
    migrated.people.remove(migrated.people.get(1))
    assert migrated.votes.all() == [vote]
    assert migrated.cards.get(1).theme_id == theme.id
    assert migrated.groups.get(2).locked is True
    assert migrated.people.count() == 0


def test_opening_a_migrated_file_again_changes_nothing(v1_file, open_files):
    first = open_files()
    store = first.get(CODE)
    schema_before = store.handle.db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    first.close_all()
    again = open_files().get(CODE)
    assert schema.version(again.handle.db) == schema.LATEST
    assert again.handle.db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema_before
    assert again.cards.count() == 1
