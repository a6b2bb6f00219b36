"""Taking the data home: JSON, CSV safe for spreadsheets, and a Markdown report."""

from __future__ import annotations

import csv
import io

import pytest

from tests.factories import card_payload, facilitator, join_as, make_workshop
from workshop.domain.commands import AddCard, CardRef
from workshop.service import cards, exports, moderation


def post(ctx, store, actor, **overrides):
    return cards.add_card(ctx, store, actor, AddCard(**card_payload(**overrides))).ack["card"]["id"]


def csv_rows(store):
    return list(csv.reader(io.StringIO(exports.export_csv(store))))


def test_csv_header_is_exactly_the_protocols(store):
    # The foundation's seven columns first, then what facilitation added.
    assert csv_rows(store) == [
        [
            "group",
            "kind",
            "text",
            "author",
            "organisation",
            "created_at",
            "hidden",
            "theme",
            "votes",
            "original_text",
            "merged_into",
        ]
    ]


def test_csv_has_one_row_per_card_hidden_ones_marked(ctx, store, groups, clock):
    ada = join_as(ctx, store, name="Ada", organisation="ACME", group=groups[0])
    post(ctx, store, ada, text="Data silos")
    hidden = post(ctx, store, ada, text="Too blunt", kind="opportunity")
    moderation.set_hidden(ctx, store, facilitator(store), CardRef(hidden), True)
    assert csv_rows(store)[1:] == [
        ["Finance", "challenge", "Data silos", "Ada", "ACME", "2027-01-15T08:00:00Z", "no", "", "0", "", ""],
        [
            "Finance",
            "opportunity",
            "Too blunt",
            "Ada",
            "ACME",
            "2027-01-15T08:00:00Z",
            "yes",
            "",
            "0",
            "",
            "",
        ],
    ]


def test_csv_shows_an_anonymous_author_as_anonymous(ctx):
    store, _ = make_workshop(ctx, allow_anonymous=True)
    nobody = join_as(ctx, store, name="")
    post(ctx, store, nobody, text="No name given")
    row = csv_rows(store)[1]
    assert (row[2], row[3], row[4]) == ("No name given", "anonymous", "")


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cell_a_spreadsheet_would_run_is_prefixed_with_a_quote(ctx, store, start):
    ada = join_as(ctx, store, name=f"{start}Ada")
    text = f'{start}HYPERLINK("x")'
    post(ctx, store, ada, text=text)
    row = csv_rows(store)[1]
    assert row[2] == "'" + text
    assert row[3] == f"'{start}Ada"


def test_csv_formula_text_gets_a_single_quote_only(ctx, store):
    ada = join_as(ctx, store, name="Ada")
    post(ctx, store, ada, text='=HYPERLINK("x")')
    assert csv_rows(store)[1][2] == '\'=HYPERLINK("x")'


@pytest.mark.parametrize(
    "value",
    [
        "\u200b=1+1",  # zero-width space
        "\ufeff+1",  # byte order mark
        "\u2060\u200d-1",  # word joiner, zero-width joiner
        "\u3164@SUM(A1)",  # Hangul filler
        " =1+1",
        "\u00a0@x",  # no-break space
        "\uff1d1+1",  # full-width =
        "\uff0b1",  # full-width +
        "\uff0d1",  # full-width -
        "\uff20x",  # full-width @
        "\ufe661",  # small =
        "\u22121",  # minus sign
        "\u200b\uff1dHYPERLINK(1)",
        "\tx",
        "\rx",
    ],
)
def test_csv_cell_with_a_hidden_or_look_alike_sign_is_neutralised(value):
    assert exports.safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Data silos", "\u200bData", " 1 + 1", "\u2013 a dash", "a=b", ""])
def test_csv_cell_without_a_leading_sign_is_left_as_it_is(value):
    assert exports.safe_cell(value) == value


def test_csv_card_hiding_a_formula_behind_a_zero_width_space_is_neutralised(ctx, store):
    ada = join_as(ctx, store, name="\u200b\uff1dAda")
    post(ctx, store, ada, text='\u200b=HYPERLINK("x")')
    row = csv_rows(store)[1]
    assert row[2] == '\'\u200b=HYPERLINK("x")'
    assert row[3] == "'\u200b\uff1dAda"


def test_csv_keeps_commas_quotes_and_newlines_in_one_cell(ctx, store):
    ada = join_as(ctx, store, name="Ada")
    text = 'Silos, "walls"\nand more'
    post(ctx, store, ada, text=text)
    rows = csv_rows(store)
    assert len(rows) == 2
    assert rows[1][2] == text


def test_report_has_question_groups_and_kinds(ctx, store, groups):
    ada = join_as(ctx, store, name="Ada", group=groups[0])
    post(ctx, store, ada, text="Data silos")
    post(ctx, store, ada, text="Shared tools", kind="opportunity")
    lines = exports.report_markdown(store).splitlines()
    assert lines[0] == "# Launch event"
    assert "> What holds your organisation back?" in lines
    for heading in ("## Finance", "## Design"):
        assert heading in lines
    finance = lines[lines.index("## Finance") : lines.index("## Design")]
    design = lines[lines.index("## Design") :]
    assert "### Challenge (1)" in finance
    assert "### Opportunity (1)" in finance
    assert "1. Data silos (0 votes)" in finance
    assert "1. Shared tools (0 votes)" in finance
    assert "### Challenge (0)" in design
    assert "### Opportunity (0)" in design
    assert "_None._" in design


def test_report_leaves_out_hidden_cards(ctx, store):
    ada = join_as(ctx, store, name="Ada")
    hidden = post(ctx, store, ada, text="Too blunt")
    moderation.set_hidden(ctx, store, facilitator(store), CardRef(hidden), True)
    assert "Too blunt" not in exports.report_markdown(store)


@pytest.mark.parametrize(
    "text, item",
    [
        ("# not a heading", r"- \# not a heading"),
        ("## also not", r"- \#\# also not"),
        ("<b>bold</b>", r"- \<b\>bold\</b\>"),
        ("- not a list", r"- \- not a list"),
        ("+ not a list", r"- \+ not a list"),
        ("* not a list", r"- \* not a list"),
        ("1. not a list", r"- 1\. not a list"),
        ("> not a quote", r"- \> not a quote"),
        ("=== not an underline", r"- \=== not an underline"),
        ("[link](http://x)", r"- \[link\]\(http://x\)"),
    ],
)
def test_report_escapes_text_that_would_change_its_structure(ctx, store, groups, text, item):
    ada = join_as(ctx, store, name="Ada", group=groups[0])
    post(ctx, store, ada, text=text)
    lines = exports.report_markdown(store).splitlines()
    escaped = item[2:]  # the table gives "- <escaped>"; the report ranks: "1. <escaped> (0 votes)"
    assert f"1. {escaped} (0 votes)" in lines
    assert f"1. {escaped} (0 votes, Finance)" in lines  # the synthesis
    structure = [line for line in lines if line.startswith(("#", ">", "_"))]
    assert structure == [
        "# Launch event",
        "> What holds your organisation back?",
        "## Who took part",
        "## Finance",
        "### Challenge (1)",
        "### Opportunity (0)",
        "_None._",
        "## Design",
        "### Challenge (0)",
        "_None._",
        "### Opportunity (0)",
        "_None._",
        "## Synthesis: the room's top items",
        "### Challenge",
        "### Opportunity",
        "_None._",
        "## Appendix: every card",
    ]
    assert f"- Finance · Challenge: {escaped} (0 votes)" in lines  # the appendix
    assert "<b>" not in "\n".join(lines)


def test_report_puts_a_multi_line_card_on_one_line(ctx, store):
    ada = join_as(ctx, store, name="Ada")
    post(ctx, store, ada, text="first line\n\n# second line")
    assert "1. first line \\# second line (0 votes)" in exports.report_markdown(store).splitlines()


def test_report_escapes_a_group_name(ctx):
    store, _ = make_workshop(ctx, groups=["<i>Ops</i> #1"])
    assert "## \\<i\\>Ops\\</i\\> \\#1" in exports.report_markdown(store).splitlines()


def test_json_export_has_everything_hidden_cards_flagged(ctx, store, groups):
    ada = join_as(ctx, store, name="Ada", group=groups[0])
    shown = post(ctx, store, ada, text="Data silos")
    hidden = post(ctx, store, ada, text="Too blunt")
    moderation.set_hidden(ctx, store, facilitator(store), CardRef(hidden), True)
    data = exports.export_json(ctx, store)
    assert {
        k: data["workshop"][k] for k in ("code", "title", "question", "assignment", "allow_anonymous")
    } == {
        "code": store.code,
        "title": "Launch event",
        "question": "What holds your organisation back?",
        "assignment": "self",
        "allow_anonymous": False,
    }
    assert data["workshop"]["kinds"] == [
        {"id": "challenge", "label": "Challenge"},
        {"id": "opportunity", "label": "Opportunity"},
    ]
    assert [g["name"] for g in data["groups"]] == ["Finance", "Design"]
    assert {c["id"]: c["hidden"] for c in data["cards"]} == {shown: False, hidden: True}
    assert [c["author"] for c in data["cards"]] == ["Ada", "Ada"]


def test_json_export_lists_people_without_presence_or_token(ctx, store):
    ada = join_as(ctx, store, name="Ada", organisation="ACME")
    participants = exports.export_json(ctx, store)["participants"]
    assert participants == [
        {
            "id": ada.participant_id,
            "name": "Ada",
            "organisation": "ACME",
            "group_id": store.people.get(ada.participant_id).group_id,
            "joined_at": store.people.get(ada.participant_id).joined_at,
            "removed": False,
        }
    ]


def test_iso_time_is_utc_with_a_z():
    assert exports.iso_time(0) == "1970-01-01T00:00:00Z"
