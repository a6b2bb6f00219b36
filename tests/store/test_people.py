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


def test_the_count_kept_in_memory_follows_every_change_and_every_undo(ws, reopen):
    finance, design = (g.id for g in ws.groups.all())

    def on_disk() -> int:
        return ws.handle.scalar("SELECT COUNT(*) FROM participants WHERE removed = 0")

    people = [
        ws.people.add(name=f"P{n}", organisation=None, group_id=finance, token_hash=f"h{n}") for n in range(3)
    ]
    assert ws.people.count() == on_disk() == 3
    ws.people.move(people[0], design)
    ws.people.remove(people[1])
    assert ws.people.count() == on_disk() == 2
    try:
        with ws.atomic():  # a join that fails after its insert: the count must not keep it
            ws.people.add(name="Gone", organisation=None, group_id=design, token_hash="gone")
            assert ws.people.count() == 3
            raise RuntimeError("the rest of the join failed")
    except RuntimeError:
        pass
    assert ws.people.count() == on_disk() == 2
    assert reopen().people.count() == 2
