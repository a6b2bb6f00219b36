"""A workshop file as a whole: its set-up row, its key hash, its transactions."""

from __future__ import annotations

from dataclasses import replace

import pytest

from workshop.domain import keys
from workshop.domain.entities import Kind


def test_setup_row_reads_back(ws):
    workshop = ws.workshop()
    assert (workshop.code, workshop.title, workshop.assignment, workshop.allow_anonymous) == (
        "K7MQ2Z",
        "Launch event",
        "self",
        False,
    )
    assert workshop.kind_ids() == ("challenge", "opportunity")
    assert ws.code == "K7MQ2Z"


def test_only_the_hash_of_the_facilitator_key_is_stored(ws, facilitator_key):
    assert ws.facilitator_key_hash() == keys.hash_secret(facilitator_key)
    row = ws.handle.row("SELECT * FROM workshop")
    assert facilitator_key not in repr(row)


def test_file_without_setup_row_is_refused(files):
    store = files.create("ABCDEF", lambda store: None)
    with pytest.raises(LookupError):
        store.workshop()


def test_failed_transaction_keeps_none_of_its_writes(ws):
    with pytest.raises(RuntimeError), ws.atomic():
        ws.groups.add("Ops")
        ws.groups.add("Legal")
        raise RuntimeError("stop")
    assert [g.name for g in ws.groups.all()] == ["Finance", "Design"]


def test_a_changed_setup_is_kept_read_back_after_a_restart_and_changes_nothing_else(ws, open_files):
    before = ws.workshop()
    changed = replace(
        before, title="Day 2", question="Why now?", kinds=(Kind("challenge", "Hurdle"), before.kinds[1])
    )
    assert ws.save_setup(changed) is ws.workshop()
    assert ws.stored_workshop() == changed
    assert open_files().get("K7MQ2Z").workshop() == changed
    assert (changed.code, changed.assignment, changed.created_at) == (
        before.code,
        before.assignment,
        before.created_at,
    )


def test_a_failed_transaction_forgets_a_setup_it_changed(ws):
    before = ws.workshop()
    with pytest.raises(RuntimeError), ws.atomic():
        ws.save_setup(replace(before, title="Never"))
        raise RuntimeError("stop")
    assert ws.workshop().title == before.title
