"""The participants table: found by token hash, moved between groups."""

from __future__ import annotations

from workshop.domain import keys


def test_added_person_is_found_by_id_and_by_token_hash(ws, clock):
    finance = ws.groups.all()[0].id
    token_hash = keys.hash_secret("token")
    ada = ws.people.add(name="Ada", organisation="ACME", group_id=finance, token_hash=token_hash)
    assert (ada.name, ada.organisation, ada.group_id, ada.joined_at) == ("Ada", "ACME", finance, clock.now)
    assert ws.people.get(ada.id) == ada
    assert ws.people.by_token_hash(token_hash) == ada
    assert ws.people.by_token_hash(keys.hash_secret("other")) is None
    assert ws.people.count() == 1


def test_anonymous_person_has_no_name(ws):
    finance = ws.groups.all()[0].id
    anon = ws.people.add(name=None, organisation=None, group_id=finance, token_hash="h")
    assert ws.people.get(anon.id).name is None


def test_move_persists_after_reopening(reopen, ws, person):
    finance, design = (g.id for g in ws.groups.all())
    ada = ws.people.get(person(finance))
    moved = ws.people.move(ada, design)
    assert moved.group_id == design
    assert reopen().people.get(ada.id).group_id == design


def test_token_is_not_stored_only_its_hash(ws):
    finance = ws.groups.all()[0].id
    ws.people.add(
        name="Ada", organisation=None, group_id=finance, token_hash=keys.hash_secret("s3cret-token")
    )
    stored = ws.handle.rows("SELECT * FROM participants")
    assert "s3cret-token" not in repr(stored)
