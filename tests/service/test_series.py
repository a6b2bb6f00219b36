"""A series: workshops side by side, what recurs across them, the combined exports."""

from __future__ import annotations

import csv
import io
import os

import pytest

from tests.factories import make_workshop
from tests.series_factories import held, three_workshops
from workshop.domain.errors import InvalidInput, TooFewWorkshops, TooManyWorkshops, UnknownWorkshop
from workshop.service import series as series_service
from workshop.service.series import select, series, series_csv, series_json, series_markdown

DAY = 86_400


@pytest.fixture
def stores(ctx, clock):
    return three_workshops(ctx, tick=lambda: clock.tick(DAY))


def test_the_workshops_stand_side_by_side_in_the_order_they_were_held(stores):
    c, a, b = stores[2], stores[0], stores[1]
    view = series([c, a, b])
    assert [w["title"] for w in view["workshops"]] == ["Launch A", "launch B", "Other C"]
    first = view["workshops"][0]
    assert (first["code"], first["groups"], first["people"], first["cards"]) == (a.code, 1, 1, 3)
    assert first["counts"] == {"challenge": 2, "opportunity": 1}
    assert [k["id"] for k in view["kinds"]] == ["challenge", "opportunity"]


def test_a_theme_of_two_workshops_recurs_and_a_theme_of_one_does_not(stores):
    a, b, _ = stores
    view = series(stores)
    [silos] = view["recurring_themes"]
    assert [(w["code"], w["texts"]) for w in silos["workshops"]] == [
        (a.code, ["Data silos"]),
        (b.code, ["Silos of data"]),
    ]
    # A theme's votes are its cards' dots: 3 in Launch A, 1 in launch B.
    assert [w["votes"] for w in silos["workshops"]] == [3, 1]
    names = [t for r in view["recurring_themes"] for w in r["workshops"] for t in w["texts"]]
    assert "Team spirit" not in names and "Volunteering" not in names


def test_top_items_recur_within_their_kind_named_by_the_most_voted_text(stores):
    a, b, _ = stores
    view = series(stores)
    by_text = {r["text"]: r for r in view["recurring_items"]}
    procurement = by_text["Rigid procurement rules"]  # 4 dots in launch B against 2 in Launch A
    assert procurement["kind"] == "challenge"
    assert [(w["code"], w["votes"]) for w in procurement["workshops"]] == [(a.code, 2), (b.code, 4)]
    assert "Citizens want to help" not in by_text


def test_counts_per_kind_over_time_follow_the_dates(stores):
    view = series(stores)
    assert [(t["title"], t["counts"]) for t in view["over_time"]] == [
        ("Launch A", {"challenge": 2, "opportunity": 1}),
        ("launch B", {"challenge": 3, "opportunity": 0}),
        ("Other C", {"challenge": 0, "opportunity": 1}),
    ]
    dates = [t["date"] for t in view["over_time"]]
    assert dates == sorted(dates) and len(set(dates)) == 3


def test_selection_by_codes_in_any_case_and_without_repeats(ctx, stores):
    a, b, _ = stores
    chosen = select(ctx, [a.code.lower(), b.code, a.code], None)
    assert [s.code for s in chosen] == [a.code, b.code]


def test_selection_by_title_prefix_ignores_case(ctx, stores):
    a, b, _ = stores
    assert sorted(s.code for s in select(ctx, [], "LAUNCH")) == sorted([a.code, b.code])


@pytest.mark.parametrize(
    "chosen, prefix, error, field",
    [
        ([], None, TooFewWorkshops, "w"),
        (["first"], None, TooFewWorkshops, "w"),
        ([], "Other", TooFewWorkshops, "prefix"),
        ([], "Nothing like it", TooFewWorkshops, "prefix"),
        (["first", "second"], "Launch", InvalidInput, "prefix"),
        (["first", "ZZZZZZ"], None, UnknownWorkshop, "w"),
        (["first", "not a code"], None, UnknownWorkshop, "w"),
    ],
)
def test_a_bad_selection_gets_a_clear_error(ctx, stores, chosen, prefix, error, field):
    named = {"first": stores[0].code, "second": stores[1].code}
    with pytest.raises(error) as raised:
        select(ctx, [named.get(c, c) for c in chosen], prefix)
    assert type(raised.value) is error
    assert raised.value.field == field
    assert raised.value.message


def test_more_than_fifty_workshops_are_refused_before_any_is_opened(ctx):
    with pytest.raises(TooManyWorkshops):
        select(ctx, [f"X{i:05d}" for i in range(51)], None)


def test_csv_has_every_card_of_every_workshop_with_its_workshop_first(stores):
    rows = list(csv.reader(io.StringIO(series_csv(stores))))
    assert rows[0][:4] == ["workshop_code", "workshop_title", "group", "kind"]
    assert len(rows) == 1 + 3 + 3 + 1
    assert {(r[0], r[1]) for r in rows[1:]} == {(s.code, s.workshop().title) for s in stores}


def test_csv_cells_are_safe_from_formulas(ctx, clock):
    clock.tick(DAY)
    one = held(ctx, "=HYPERLINK(1)", [("challenge", "-2+3", 0)])
    clock.tick(DAY)
    two = held(ctx, "Plain", [("challenge", "@SUM(A1)", 0)])
    rows = list(csv.reader(io.StringIO(series_csv([one, two]))))
    assert rows[1][1] == "'=HYPERLINK(1)" and rows[1][4] == "'-2+3"
    assert rows[2][4] == "'@SUM(A1)"


def test_json_has_the_series_and_each_workshops_own_export(stores):
    data = series_json(stores, join_url=lambda code: f"http://laptop/j/{code}")
    assert data["series"] == series(stores)
    assert [w["workshop"]["title"] for w in data["workshops"]] == ["Launch A", "launch B", "Other C"]
    assert data["workshops"][0]["workshop"]["join_url"].endswith(stores[0].code)
    assert series_json(stores)["workshops"][0]["workshop"]["join_url"] is None


def test_markdown_puts_the_series_first_then_each_report_a_level_down(stores):
    text = series_markdown(stores)
    assert text.startswith("# A series of 3 workshops\n")
    assert "| Challenge | 2 | 3 | 0 |" in text
    assert "## Themes that recur" in text and "**Data silos**" in text
    assert "\n## Launch A\n" in text and "\n# Launch A\n" not in text


def test_markdown_escapes_attendees_text(ctx, clock):
    clock.tick(DAY)
    one = held(ctx, "A | B", [("challenge", "Data *silos* [here](x)", 0)], [("Data *silos*", [])])
    clock.tick(DAY)
    two = held(ctx, "C", [("challenge", "Data silos", 0)], [("Data silos", [])])
    text = series_markdown([one, two])
    assert "A \\| B" in text
    assert "Data \\*silos\\*" in text


def _snapshot(folder):
    # -shm is SQLite's shared-memory index, rewritten by every reader: not the workshop's data.
    return {
        p.name: (p.read_bytes(), os.stat(p).st_mtime_ns)
        for p in sorted(folder.iterdir())
        if p.name.endswith((".db", ".db-wal"))
    }


def test_computing_a_series_changes_no_file(ctx, stores):
    folder = ctx.files.data_dir
    before = _snapshot(folder)
    chosen = select(ctx, [s.code for s in stores], None)
    series(chosen), series_csv(chosen), series_json(chosen), series_markdown(chosen)
    select(ctx, [], "launch")
    assert _snapshot(folder) == before


def test_a_workshop_without_cards_takes_part_with_zero_counts(ctx, clock, stores):
    clock.tick(DAY)
    empty, _ = make_workshop(ctx, title="Empty")
    view = series([stores[0], empty])
    assert view["workshops"][1]["counts"] == {"challenge": 0, "opportunity": 0}
    assert series_service.series_markdown([stores[0], empty])
