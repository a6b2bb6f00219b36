"""A phone set to French gets the attendee page in French, can switch language, and shows
cards in any script the right way round."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, TIMEOUT, _watched, post, screenshot

ARABIC = "نقص التمويل للمشاريع التجريبية"  # "too little funding for pilot projects"
HEBREW = "חסר תקציב לניסויים"
CHINESE = "数据孤岛阻碍合作 🚧"


def _phone_in(browser, locale: str):
    context = browser.new_context(**browser.devices[PHONE], locale=locale)
    return context, _watched(context.new_page())


def test_phone_in_french_then_switched_to_german(browser, live):
    workshop = live.create_workshop(
        title="Lancement", question="Qu’est-ce qui vous freine ?", groups=["Finance"]
    )
    context, page = _phone_in(browser, "fr-FR")
    try:
        page.goto(workshop["join_url"])
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        # Rendered by the template and by the page script, from the same catalogue.
        expect(page.locator("#status")).to_have_text("Connecté", timeout=TIMEOUT)
        expect(page.locator("#join-form h2")).to_have_text("Rejoindre l’atelier")
        expect(page.locator("#join-name-label")).to_have_text("Votre nom")
        expect(page.locator("label[for=join-organisation]")).to_contain_text("(facultatif)")
        expect(page.locator("#join-button")).to_have_text("Rejoindre")
        # The facilitator's own words are shown as written.
        expect(page.locator("#join-question")).to_have_text("Qu’est-ce qui vous freine ?")
        screenshot(page, "phone-join-french")

        page.click("#bar-menu > summary")  # the language waits behind the header's menu
        page.select_option("#lang-select", "de")
        page.click(".lang-switch button")
        expect(page.locator("html")).to_have_attribute("lang", "de", timeout=TIMEOUT)
        expect(page.locator("#join-name-label")).to_have_text("Ihr Name")
        expect(page.locator("#join-button")).to_have_text("Beitreten")
        expect(page.locator("#status")).to_have_text("Verbunden", timeout=TIMEOUT)

        # The choice is kept in a cookie: the plain link opens in German from now on.
        page.goto(workshop["join_url"])
        expect(page.locator("#join-button")).to_have_text("Beitreten")
        expect(page.locator("#lang-select")).to_have_value("de")
        assert page.errors == []
    finally:
        context.close()


def test_cards_in_any_script_read_in_their_own_direction(browser, live):
    workshop = live.create_workshop(title="مختبر الابتكار", question="ما الذي يعيقكم؟", groups=["Finance"])
    context, page = _phone_in(browser, "fr-FR")
    try:
        page.goto(workshop["join_url"])
        expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
        page.fill("#join-name", "ليلى")
        page.click("#join-button")
        expect(page.locator("#board")).to_be_visible(timeout=TIMEOUT)
        expect(page.locator("#where")).to_have_text("Vous êtes dans Finance")

        direction = "(node) => getComputedStyle(node).direction"
        for text, expected in ((ARABIC, "rtl"), (HEBREW, "rtl"), (CHINESE, "ltr")):
            card = post(page, text)
            expect(card).not_to_contain_class("is-pending", timeout=TIMEOUT)
            shown = card.locator(".card-text")
            expect(shown).to_have_text(text)
            expect(shown).to_have_attribute("dir", "auto")
            assert shown.evaluate(direction) == expected, text
        author = page.locator(".card-author").first
        expect(author).to_have_attribute("dir", "auto")
        assert author.evaluate(direction) == "rtl"
        assert page.locator("#workshop-title").evaluate(direction) == "rtl"
        screenshot(page, "phone-cards-any-script")
        assert page.errors == []
    finally:
        context.close()
