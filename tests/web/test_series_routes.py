"""The owner's series view over HTTP: the page, its three downloads, and who is refused."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.factories import OWNER_KEY
from tests.series_factories import held, three_workshops


@pytest.fixture
def trio(app):
    """Launch A, launch B and Other C, made in that order in the app's data folder."""
    return [s.code for s in three_workshops(app.extensions["workshop"])]


def _query(*codes: str) -> str:
    return "&".join(f"w={c}" for c in codes)


def test_the_owner_sees_the_workshops_side_by_side_with_what_recurs(http, owner_headers, trio):
    a, b, c = trio
    response = http.get(f"/series?{_query(a, b, c)}", headers=owner_headers)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    header = re.search(r'<table id="series-table">.*?</thead>', page, re.S).group(0)
    assert [m for m in re.findall(r'data-code="([A-Z0-9]+)"', header)] == [a, b, c]
    themes = re.search(r'<ul id="recurring-themes".*?</ul>\s*</li>\s*</ul>', page, re.S).group(0)
    assert "Data silos" in themes and "Silos of data" in themes
    assert "Team spirit" not in themes and "Volunteering" not in themes
    # Counts per kind over time: one line per kind, drawn on the server.
    chart = re.search(r'<svg class="trend".*?</svg>', page, re.S).group(0)
    assert chart.count("<polyline") == 2
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    assert f'href="/series.csv?{_query(a, b, c).replace("&", "&amp;")}"' in page


def test_the_owners_cookie_opens_the_page_and_a_key_in_the_link_leaves_the_address(http, trio):
    a, b, _ = trio
    response = http.get(f"/series?key={OWNER_KEY}&{_query(a, b)}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/series?{_query(a, b)}"
    assert http.get(f"/series?{_query(a, b)}").status_code == 200
    assert http.get(f"/series.csv?{_query(a, b)}").status_code == 200


def test_user_text_is_escaped_and_marked_for_its_own_direction(app, http, owner_headers):
    ctx = app.extensions["workshop"]
    one = held(ctx, "<script>alert(1)</script>", [("challenge", "<b>Data silos</b> everywhere", 1)])
    two = held(ctx, "שלום workshop", [("challenge", "Data silos everywhere <i>", 0)])
    page = http.get(f"/series?{_query(one.code, two.code)}", headers=owner_headers).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Data silos</b>" not in page
    assert '<span dir="auto">שלום workshop</span>' in page


def test_csv_has_the_workshop_columns_first_and_every_card(http, owner_headers, trio):
    a, b, _ = trio
    response = http.get(f"/series.csv?{_query(a, b)}", headers=owner_headers)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="workshop-series.csv"'
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["workshop_code", "workshop_title", "group"]
    assert [r[0] for r in rows[1:]] == [a] * 3 + [b] * 3


def test_a_title_prefix_selects_the_workshops_whose_titles_start_with_it(http, owner_headers, trio):
    a, b, _ = trio
    response = http.get("/series.json?prefix=LAUNCH", headers=owner_headers)
    assert response.status_code == 200
    body = response.get_json()
    assert [w["code"] for w in body["series"]["workshops"]] == [a, b]
    assert body["workshops"][0]["workshop"]["join_url"].endswith(f"/j/{a}")


def test_markdown_download(http, owner_headers, trio):
    response = http.get(f"/series.md?{_query(*trio)}", headers=owner_headers)
    assert response.status_code == 200
    assert response.mimetype == "text/markdown"
    assert response.get_data(as_text=True).startswith("# A series of 3 workshops")


@pytest.mark.parametrize("path", ["/series.csv", "/series.json", "/series.md"])
def test_downloads_refuse_anyone_but_the_owner(http, created, trio, path):
    query = f"{path}?{_query(*trio[:2])}"
    facilitator_key = created()["facilitator_key"]
    missing = http.get(query)
    wrong = http.get(query, headers={"Authorization": f"Bearer {facilitator_key}"})
    assert (missing.status_code, missing.get_json()["error"]["code"]) == (401, "missing_key")
    assert (wrong.status_code, wrong.get_json()["error"]["code"]) == (401, "bad_key")


def test_the_page_asks_others_for_the_owner_key_and_keeps_the_selection(http, created, trio):
    a, b, _ = trio
    response = http.get(f"/series?{_query(a, b)}")
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert 'id="key-form"' in page and f'name="w" value="{a}"' in page
    assert "Data silos" not in page
    facilitator_key = created()["facilitator_key"]
    wrong = http.get(f"/series?{_query(a, b)}&key={facilitator_key}")
    assert wrong.status_code == 401 and 'id="key-error"' in wrong.get_data(as_text=True)


@pytest.mark.parametrize(
    "query, status, code",
    [
        ("w=FIRST", 400, "too_few_workshops"),
        ("prefix=Other", 400, "too_few_workshops"),
        ("w=FIRST&w=ZZZZZZ", 404, "unknown_workshop"),
        ("w=FIRST&w=SECOND&prefix=Launch", 400, "invalid_input"),
    ],
)
def test_a_bad_selection_gets_its_error_on_the_page_and_in_the_downloads(
    http, owner_headers, trio, query, status, code
):
    query = query.replace("FIRST", trio[0]).replace("SECOND", trio[1])
    download = http.get(f"/series.json?{query}", headers=owner_headers)
    assert (download.status_code, download.get_json()["error"]["code"]) == (status, code)
    page = http.get(f"/series?{query}", headers=owner_headers)
    assert page.status_code == status
    assert f'data-code="{code}"' in page.get_data(as_text=True)


def test_the_home_page_offers_a_checkbox_per_workshop_and_the_series_form(http, trio):
    http.get(f"/?key={OWNER_KEY}")
    page = http.get("/").get_data(as_text=True)
    for code in trio:
        assert f'name="w" value="{code}" form="series-form"' in page
    assert '<form id="series-form"' in page and 'action="/series" method="get"' in page
    assert 'name="prefix"' in page
