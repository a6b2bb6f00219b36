"""Every page in the reader's language: complete catalogues, the locale choice, and the
facilitator's own words left as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tests.factories import OWNER_KEY
from workshop.domain import phases
from workshop.web import i18n

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def _catalogue(path: Path):
    with path.open("rb") as file:
        return read_po(file)


def _ids(catalog) -> set:
    return {message.id for message in catalog if message.id}


def _forms(message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def _translations(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


TEMPLATE = _catalogue(ROOT / "translations" / "messages.pot")


def test_every_shipped_language_has_a_catalogue():
    for lang in SHIPPED:
        assert (ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po").is_file(), lang


def test_the_template_holds_every_message_of_the_sources():
    """A message wrapped in the code but missing from messages.pot would never be translated:
    run the extract and update commands of docs/languages.md."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT),
        method_map=[
            ("workshop/web/**.py", "python"),
            ("templates/**.html", "jinja2"),
            ("static/js/**.js", "javascript"),
        ],
        keywords={**i18n.JS_KEYWORDS, "_": None, "gettext": None, "ngettext": (1, 2)},
    ):
        found.add(message)
    assert found - _ids(TEMPLATE) == set()


@pytest.mark.parametrize("lang", SHIPPED)
def test_catalogue_translates_every_message_with_its_placeholders(lang):
    catalog = _catalogue(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po")
    assert _ids(TEMPLATE) - _ids(catalog) == set(), "messages missing: run pybabel update"
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, f"{lang}: fuzzy {message.id!r}"
        translations = _translations(message)
        assert all(translations), f"{lang}: untranslated {message.id!r}"
        wanted = set(PLACEHOLDER.findall(" ".join(_forms(message))))
        for text in translations:
            assert set(PLACEHOLDER.findall(text)) == wanted, f"{lang}: placeholders of {message.id!r}"


def _attendee_page(http, workshop, **headers):
    return http.get(f"/j/{workshop['code']}", headers=headers)


def _lang_of(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


def test_browser_language_picks_french(http, workshop):
    response = _attendee_page(http, workshop, **{"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.8"})
    page = response.get_data(as_text=True)
    assert _lang_of(response) == "fr"
    assert "<h2>Rejoindre l’atelier</h2>" in page
    assert "<h2>Join the workshop</h2>" not in page


def test_best_match_among_shipped_languages(http, workshop):
    response = _attendee_page(http, workshop, **{"Accept-Language": "ja, de-AT;q=0.8, fr;q=0.5"})
    assert _lang_of(response) == "de"


def test_unknown_language_falls_back_to_english(http, workshop):
    response = _attendee_page(http, workshop, **{"Accept-Language": "ja-JP,ja;q=0.9"})
    assert _lang_of(response) == "en"
    assert "Join the workshop" in response.get_data(as_text=True)


def test_cookie_overrides_the_browser(http, workshop):
    http.set_cookie("lang", "fi")
    response = _attendee_page(http, workshop, **{"Accept-Language": "fr-FR"})
    assert _lang_of(response) == "fi"
    assert "Liity työpajaan" in response.get_data(as_text=True)


def test_unknown_cookie_is_ignored(http, workshop):
    http.set_cookie("lang", "xx")
    assert _lang_of(_attendee_page(http, workshop, **{"Accept-Language": "es"})) == "es"


def test_switcher_choice_is_remembered_in_a_cookie(http, workshop):
    response = http.get(f"/j/{workshop['code']}?lang=es", headers={"Accept-Language": "fr"})
    assert _lang_of(response) == "es"
    assert "lang=es" in response.headers["Set-Cookie"]
    assert _lang_of(_attendee_page(http, workshop, **{"Accept-Language": "fr"})) == "es"


def test_english_page_carries_no_messages_and_french_its_own(http, workshop):
    def messages(response) -> dict:
        block = re.search(
            r'<script type="application/json" id="messages">(.*?)</script>', response.get_data(as_text=True)
        )
        return json.loads(block.group(1))

    english = messages(_attendee_page(http, workshop, **{"Accept-Language": "en"}))
    assert english == {"messages": {}, "errors": {}, "phases": {}}
    french = messages(_attendee_page(http, workshop, **{"Accept-Language": "fr"}))
    assert french["messages"]["Connecting…"] == "Connexion…"
    assert french["messages"]["{n} dot left"] == ["{n} point restant", "{n} points restants"]
    assert french["errors"]["wrong_phase"] == "Ce n’est pas possible à cette étape."
    assert french["phases"]["Report back"] == "Restitution"


def test_built_in_phase_texts_are_those_of_the_agenda_templates():
    texts = {
        text
        for agenda in phases.TEMPLATES.values()
        for phase in agenda
        for text in (phase.name, phase.question)
    }
    assert set(i18n.BUILT_IN_PHASE_TEXTS) == texts - {None}


def test_the_phase_kinds_names_are_marked_for_translation():
    """The dashboard's agenda editor names each kind in the reader's language (i18n.phase_kinds)."""
    assert tuple(phases.LABELS.values()) == i18n.PHASE_KIND_LABELS


def test_facilitators_own_words_are_shown_as_written(http, created):
    # A title and a question that are also messages of the catalogue must not be translated.
    body = created(title="Join the workshop", question="Thank you!", groups=["Report back", "Vote"])
    code = body["code"]
    french = {"Accept-Language": "fr"}
    page = http.get(f"/j/{code}", headers=french).get_data(as_text=True)
    assert '<h1 id="workshop-title" class="bar-title" dir="auto">Join the workshop</h1>' in page
    report = http.get(
        f"/w/{code}/report.md", headers={**french, "Authorization": f"Bearer {OWNER_KEY}"}
    ).get_data(as_text=True)
    assert "Thank you\\!" in report  # as written, escaped for Markdown
    assert "Report back" in report and "Vote" in report
