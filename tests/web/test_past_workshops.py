"""The owner's list of workshops: search by title, and "Use as template"."""

from __future__ import annotations

import pytest

from tests.factories import OWNER_KEY


@pytest.fixture
def owner_http(http):
    """The owner's browser: the owner link once, then the cookie."""
    assert http.get(f"/?key={OWNER_KEY}").status_code == 302
    return http


def test_search_narrows_the_list_by_title(owner_http, created):
    created(title="Launch event")
    created(title="Second meeting")
    page = owner_http.get("/?q=launch").get_data(as_text=True)
    assert "Launch event" in page and "Second meeting" not in page
    everything = owner_http.get("/").get_data(as_text=True)
    assert "Launch event" in everything and "Second meeting" in everything
    nothing = owner_http.get("/?q=zzz").get_data(as_text=True)
    assert 'id="search-none" class="hint" hidden' not in nothing


def test_use_as_template_opens_a_new_dashboard_with_the_same_set_up(owner_http, created):
    source = created(title="Launch event", groups=["Finance", "Design"])
    response = owner_http.post(f"/w/{source['code']}/template")
    assert response.status_code == 303
    new_code = response.headers["Location"].split("/w/", 1)[1].split("/", 1)[0]
    assert new_code != source["code"]
    dashboard = owner_http.get(response.headers["Location"]).get_data(as_text=True)
    assert "cofacilitator-url" in dashboard  # its own key link, shown once
    listing = owner_http.get("/api/workshops", headers={"Authorization": f"Bearer {OWNER_KEY}"}).get_json()
    titles = [w["title"] for w in listing["workshops"]]
    assert sorted(titles) == ["Launch event", "Launch event (copy)"]


def test_use_as_template_names_the_copy_as_the_owner_typed(owner_http, created):
    source = created(title="Launch event")
    response = owner_http.post(f"/w/{source['code']}/template", data={"title": "Launch event, Vienna"})
    assert response.status_code == 303
    listing = owner_http.get("/api/workshops", headers={"Authorization": f"Bearer {OWNER_KEY}"}).get_json()
    assert sorted(w["title"] for w in listing["workshops"]) == ["Launch event", "Launch event, Vienna"]


def test_a_copy_with_a_title_too_long_is_refused_at_its_workshop_and_not_made(owner_http, created):
    source = created(title="Launch event")
    response = owner_http.post(f"/w/{source['code']}/template", data={"title": "x" * 201})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f'id="copy-error-{source["code"]}"' in page and "too long" in page
    listing = owner_http.get("/api/workshops", headers={"Authorization": f"Bearer {OWNER_KEY}"}).get_json()
    assert [w["title"] for w in listing["workshops"]] == ["Launch event"]


def test_only_the_owner_may_use_a_template(http, created):
    source = created(title="Launch event")
    response = http.post(f"/w/{source['code']}/template")
    assert response.status_code == 401
    assert 'id="key-form"' in response.get_data(as_text=True)
