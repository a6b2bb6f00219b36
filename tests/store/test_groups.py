"""The groups table: order, renames, and how many people each group has."""

from __future__ import annotations


def test_groups_keep_the_order_they_were_added_in(ws):
    added = ws.groups.add("Ops")
    assert [(g.name, g.position) for g in ws.groups.all()] == [("Finance", 0), ("Design", 1), ("Ops", 2)]
    assert ws.groups.get(added.id) == added
    assert ws.groups.count() == 3


def test_sizes_list_empty_groups_as_zero(ws, person):
    finance, design = (g.id for g in ws.groups.all())
    ops = ws.groups.add("Ops").id
    person(finance)
    person(finance)
    person(design)
    assert ws.group_sizes() == {finance: 2, design: 1, ops: 0}


def test_sizes_of_a_new_workshop_are_all_zero(ws):
    assert ws.group_sizes() == {g.id: 0 for g in ws.groups.all()}


def test_rename_persists_after_reopening(reopen, ws):
    finance = ws.groups.all()[0]
    renamed = ws.groups.rename(finance, "Money")
    assert (renamed.id, renamed.name, renamed.position) == (finance.id, "Money", finance.position)
    assert reopen().groups.get(finance.id).name == "Money"


def test_unknown_group_is_none(ws):
    assert ws.groups.get(999) is None
