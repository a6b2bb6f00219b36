"""Alike lines of the synthesis across groups: offered, merged with their provenance, or
declined for good (#17)."""

from __future__ import annotations

import pytest

from tests.factories import card_payload
from tests.web.acks import error_code, ok


@pytest.fixture
def room(joined, facilitator, screen):
    return {
        "ana": joined("Finance", "Ana"),
        "dee": joined("Design", "Dee"),
        "screen": screen,
        "facilitator": facilitator,
    }


@pytest.fixture
def lines(room, group_ids):
    """Alike themes in Finance and Design, and an unrelated one in Design."""
    fac = room["facilitator"]

    def theme(group: str, name: str) -> int:
        return ok(fac.emit("theme:create", {"group_id": group_ids[group], "name": name}))["theme"]["id"]

    found = {
        "silos": theme("Finance", "Data silos between ministries"),
        "silos_fr": theme("Design", "Les données restent cloisonnées entre les ministères"),
        "coffee": theme("Design", "The coffee machine is broken"),
    }
    ok(room["ana"].emit("card:add", card_payload(text="Procurement rules block small suppliers")))
    for phone in room.values():
        phone.drain()
    return found


def keys(*ids: int) -> list[str]:
    return sorted(f"theme:{i}" for i in ids)


def test_alike_themes_of_two_groups_are_offered_as_one_line_with_where_they_come_from(room, lines):
    merges = ok(room["facilitator"].emit("synthesis:suggest", {}))["merges"]
    assert [m["items"] for m in merges] == [keys(lines["silos"], lines["silos_fr"])]
    assert {(p["group"], p["text"]) for p in merges[0]["lines"]} == {
        ("Finance", "Data silos between ministries"),
        ("Design", "Les données restent cloisonnées entre les ministères"),
    }
    assert merges[0]["name"]
    assert all(phone.events() == [] for phone in room.values())


def test_a_merged_line_is_in_the_synthesis_with_its_parts_and_not_offered_again(room, lines):
    fac = room["facilitator"]
    items = keys(lines["silos"], lines["silos_fr"])
    assert ok(fac.emit("synthesis:merge", {"items": items, "name": "Data silos"})) == {
        "items": items,
        "name": "Data silos",
    }
    for who in ("facilitator", "screen"):
        [(event, payload)] = room[who].events()
        assert event == "report:changed"
        [merged] = payload["report"]["synthesis"]["merged"]
        assert merged["name"] == "Data silos"
        assert [(p["key"], p["group"]) for p in merged["lines"]] == [
            (f"theme:{lines['silos']}", "Finance"),
            (f"theme:{lines['silos_fr']}", "Design"),
        ]
    assert room["ana"].events() == []  # phones see report-back only in its phase
    assert ok(fac.emit("synthesis:suggest", {}))["merges"] == []


def test_a_declined_set_is_not_offered_again_and_dashboards_hear_it(room, lines):
    fac = room["facilitator"]
    items = keys(lines["silos"], lines["silos_fr"])
    assert ok(fac.emit("synthesis:decline", {"items": items})) == {"items": items}
    assert fac.events() == [("synthesis:declined", {"items": items})]
    assert room["screen"].events() == []
    assert ok(fac.emit("synthesis:suggest", {}))["merges"] == []


def test_a_merged_line_loses_a_part_that_is_deleted(room, lines):
    fac = room["facilitator"]
    ok(fac.emit("synthesis:merge", {"items": keys(lines["silos"], lines["silos_fr"]), "name": ""}))
    ok(fac.emit("theme:delete", {"theme_id": lines["silos_fr"]}))
    report = ok(fac.emit("report:show", {"synthesis": True}))["report"]
    assert report["synthesis"]["merged"] == []


@pytest.mark.parametrize(
    "event, payload, code",
    [
        ("synthesis:merge", {"items": ["theme:1"]}, "invalid_input"),
        ("synthesis:merge", {"items": ["theme:1", "group:2"]}, "invalid_input"),
        ("synthesis:merge", {"items": ["theme:1", "theme:999"]}, "not_found"),
        ("synthesis:merge", {"items": "theme:1"}, "invalid_input"),
        ("synthesis:decline", {}, "invalid_input"),
    ],
)
def test_bad_merges_are_refused(room, lines, event, payload, code):
    assert error_code(room["facilitator"].emit(event, payload)) == code


def test_only_a_facilitator_merges(room, lines):
    items = keys(lines["silos"], lines["silos_fr"])
    assert error_code(room["ana"].emit("synthesis:merge", {"items": items})) == "not_allowed"
    assert error_code(room["ana"].emit("synthesis:suggest", {})) == "not_allowed"


def test_a_merged_line_keeps_its_provenance_in_the_printable_report_and_the_markdown(
    room, lines, workshop, http
):
    items = keys(lines["silos"], lines["silos_fr"])
    ok(room["facilitator"].emit("synthesis:merge", {"items": items, "name": "Data <b>silos</b>"}))
    code = workshop["code"]
    http.get(f"/w/{code}/facilitate?key={workshop['facilitator_key']}")  # the cookie
    page = http.get(f"/w/{code}/report").get_data(as_text=True)
    merged = page[page.index("Merged across groups") :]
    assert "Data &lt;b&gt;silos&lt;/b&gt;" in merged  # the facilitator's words, escaped
    assert merged.index("Finance") < merged.index("Data silos between ministries")
    assert merged.index("Design") < merged.index("Les données restent cloisonnées entre les ministères")
    markdown = http.get(f"/w/{code}/report.md").get_data(as_text=True)
    assert (
        "- Data <b>silos</b>: Finance: Data silos between ministries;"
        " Design: Les données restent cloisonnées entre les ministères"
    ) in markdown.replace("\\<", "<").replace("\\>", ">")
