"""The schema of a workshop file, as numbered migrations tracked in PRAGMA user_version.

A file made by an older version is brought up to date when it is opened, never rebuilt:
each migration only adds. Append new migrations at the end; never edit a released one.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils


def _v1_foundation(db: sqlite_utils.Database) -> None:
    db["workshop"].create(
        {
            "id": int,
            "code": str,
            "title": str,
            "question": str,
            "kinds": str,  # JSON list of {id, label}
            "assignment": str,
            "allow_anonymous": int,
            "facilitator_key_hash": str,
            "created_at": float,
        },
        pk="id",
        not_null={"code", "title", "question", "kinds", "assignment", "facilitator_key_hash"},
    )
    db["groups"].create(
        {"id": int, "name": str, "position": int, "created_at": float},
        pk="id",
        not_null={"name", "position"},
    )
    db["participants"].create(
        {
            "id": int,
            "name": str,
            "organisation": str,
            "group_id": int,
            "token_hash": str,
            "joined_at": float,
        },
        pk="id",
        not_null={"group_id", "token_hash"},
        foreign_keys=[("group_id", "groups", "id")],
    )
    db["participants"].create_index(["token_hash"], unique=True)
    db["cards"].create(
        {
            "id": int,
            "group_id": int,
            "participant_id": int,
            "kind": str,
            "text": str,
            "client_id": str,
            "created_at": float,
            "updated_at": float,
            "hidden": int,
        },
        pk="id",
        not_null={"group_id", "participant_id", "kind", "text", "client_id", "created_at", "hidden"},
        defaults={"hidden": 0},
        foreign_keys=[("group_id", "groups", "id"), ("participant_id", "participants", "id")],
    )
    # One card per (person, client id): a resent card finds its first copy.
    db["cards"].create_index(["participant_id", "client_id"], unique=True)
    db["cards"].create_index(["group_id"])


def _v2_facilitation(db: sqlite_utils.Database) -> None:
    """Agenda, timer, settings and report-back on the workshop row; themes and votes."""
    for column in ("agenda", "timer", "settings", "report"):  # JSON documents
        db["workshop"].add_column(column, str)
    db["workshop"].add_column("phase_index", int, not_null_default=0)
    db["groups"].add_column("locked", int, not_null_default=0)
    db["groups"].add_column("size_limit", int)
    db["participants"].add_column("removed", int, not_null_default=0)
    db["themes"].create(
        {"id": int, "group_id": int, "name": str, "created_at": float},
        pk="id",
        not_null={"group_id", "name"},
        foreign_keys=[("group_id", "groups", "id")],
    )
    db["cards"].add_column("theme_id", int)
    db["cards"].add_column("merged_into", int)
    db["cards"].add_column("original_text", str)
    db["votes"].create(
        {
            "id": int,
            "participant_id": int,
            "card_id": int,
            "theme_id": int,
            "client_id": str,
            "created_at": float,
        },
        pk="id",
        not_null={"participant_id", "client_id"},
        foreign_keys=[("participant_id", "participants", "id")],
    )
    # A resent vote finds its first copy.
    db["votes"].create_index(["participant_id", "client_id"], unique=True)
    db["votes"].create_index(["card_id"])
    db["votes"].create_index(["theme_id"])


def _v3_indexes(db: sqlite_utils.Database) -> None:
    """Counting a group's people on every card change must not scan everyone."""
    db["participants"].create_index(["group_id"])


def _v4_closed_at(db: sqlite_utils.Database) -> None:
    """When the workshop was closed: a retention period counts from it (NULL while open)."""
    db["workshop"].add_column("closed_at", float)


def _v5_browser(db: sqlite_utils.Database) -> None:
    """A hash of the random id of the browser each person joined from (NULL when it sent
    none): a browser whose person was removed may not join anew (docs/privacy.md)."""
    db["participants"].add_column("browser_hash", str)
    db["participants"].create_index(["browser_hash"])


def _v6_spotlight(db: sqlite_utils.Database) -> None:
    """The card or theme the projector shows full screen (JSON; NULL when none)."""
    db["workshop"].add_column("spotlight", str)


def _v7_declined_suggestions(db: sqlite_utils.Database) -> None:
    """The theme suggestions a facilitator declined: a group and its exact set of cards."""
    db["declined_suggestions"].create(
        {"id": int, "group_id": int, "card_ids": str, "declined_at": float},  # ids: "3,5,9"
        pk="id",
        not_null={"group_id", "card_ids", "declined_at"},
        foreign_keys=[("group_id", "groups", "id")],
    )
    db["declined_suggestions"].create_index(["group_id", "card_ids"], unique=True)


def _v8_synthesis_decisions(db: sqlite_utils.Database) -> None:
    """The facilitator's decisions on alike lines of the synthesis: merged into one line
    under a name, or declined; keys like "theme:4,card:17", sorted."""
    db["synthesis_decisions"].create(
        {"id": int, "keys": str, "decision": str, "name": str, "decided_at": float},
        pk="id",
        not_null={"keys", "decision", "decided_at"},
    )
    db["synthesis_decisions"].create_index(["keys"], unique=True)


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_foundation,
    _v2_facilitation,
    _v3_indexes,
    _v4_closed_at,
    _v5_browser,
    _v6_spotlight,
    _v7_declined_suggestions,
    _v8_synthesis_decisions,
]
LATEST = len(MIGRATIONS)


def version(db: sqlite_utils.Database) -> int:
    """The schema version of an open file."""
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database) -> int:
    """Apply the migrations this file lacks, each in its own transaction; return the version."""
    current = version(db)
    if current > LATEST:
        raise RuntimeError(f"file has schema version {current}, newer than this app ({LATEST})")
    for number in range(current + 1, LATEST + 1):
        with db.atomic():
            MIGRATIONS[number - 1](db)
            db.execute(f"PRAGMA user_version = {number}")
    return LATEST
