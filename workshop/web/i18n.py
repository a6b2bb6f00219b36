"""The language a page speaks: the locale choice, compiled catalogues, and the messages the
page's JavaScript needs, all from the same Babel catalogues (docs/languages.md)."""

from __future__ import annotations

import functools
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, Response, request
from flask_babel import Babel, get_locale, get_translations
from markupsafe import Markup

from .. import assets
from ..domain import phases

TRANSLATIONS = assets.TRANSLATIONS
SCRIPTS = assets.STATIC / "js"

# The shipped languages, each named in itself for the switcher. English is the source text.
LANGUAGES = {"en": "English", "de": "Deutsch", "es": "Español", "fr": "Français", "fi": "Suomi"}
DEFAULT = "en"
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600


def N_(text: str) -> str:  # noqa: N802 (the name gettext tools look for)
    """Marks a message for `pybabel extract` where it is translated later."""
    return text


# Common refusals, by their stable code (docs/protocol.md, "Error codes"): the phone shows
# these in its reader's language. The server's English message is often more precise (it
# names the limit), so English pages and codes not listed here keep it.
ERRORS = {
    "empty_text": N_("Write something first."),
    "text_too_long": N_("That text is too long."),
    "name_required": N_("Please give your name."),
    "unknown_group": N_("That group does not exist any more."),
    "not_found": N_("That item does not exist any more."),
    "not_allowed": N_("You may not do that."),
    "not_joined": N_("Join the workshop first."),
    "rate_limited": N_("Too many actions at once. Wait a moment and try again."),
    "card_limit": N_("You have posted as many cards as allowed."),
    "workshop_full": N_("The workshop is full."),
    "wrong_phase": N_("That is not possible in this phase."),
    "no_votes_left": N_("You have no dots left."),
    "duplicate_vote": N_("You have already put a dot here."),
    "not_your_group": N_("That belongs to another group."),
    "group_locked": N_("This group is locked."),
    "group_full": N_("This group is full. Choose another one."),
    "removed": N_("The facilitator removed you from this workshop."),
    "door_closed": N_("The facilitator has closed the door to new people."),
    "too_many_joins": N_("Too many people joined from this network just now. Wait a minute."),
    "storage_full": N_("The laptop’s disk is full: nothing was saved."),
    "storage_read_only": N_("The server cannot save right now: nothing was saved."),
    "storage_unavailable": N_("Nothing was saved. Try again."),
    "workshop_unavailable": N_("This workshop cannot be opened right now."),
    "internal": N_("Something went wrong on the server. Try again."),
}

# The phase names and questions of the built-in agendas (domain/phases.py TEMPLATES) are
# stored with each workshop in English. Unchanged, they are the app's words and are shown
# translated; whatever the facilitator wrote instead is shown as written.
# tests/web/test_i18n.py keeps this list equal to the templates'.
BUILT_IN_PHASE_TEXTS = (
    N_("Join"),
    N_("Challenges and opportunities"),
    N_("Cluster into themes"),
    N_("Vote"),
    N_("Report back"),
    N_("1 · On your own, in silence"),
    N_("2 · In pairs"),
    N_("4 · In fours"),
    N_("All · The whole room"),
    N_("Write your own ideas, alone."),
    N_("With a neighbour: build on each other's ideas."),
    N_("Two pairs together: what stands out?"),
)

# The names of the phase kinds (domain/phases.py LABELS), which the dashboard's agenda editor
# offers; marked here so that they are extracted. tests/web/test_i18n.py keeps them equal.
PHASE_KIND_LABELS = (N_("Join"), N_("Brainstorm"), N_("Cluster"), N_("Vote"), N_("Report back"), N_("Closed"))

# The JavaScript calls that carry a message: t('text', params), tn('one', 'other', n) and
# N_('text') (marks a text looked up later, such as an error by its code). babel.cfg says the same.
JS_KEYWORDS = {"t": None, "tn": (1, 2), "N_": None}


def init_app(app: Flask) -> None:
    """Attach Flask-Babel with our locale choice, and give templates what they need."""
    if not assets.INSTALLED:  # an installed copy carries them compiled (setup.py), read only
        compile_catalogues(TRANSLATIONS)
    Babel(app, locale_selector=select_locale, default_translation_directories=str(TRANSLATIONS))
    app.after_request(remember_choice)
    app.jinja_env.globals.update(
        languages=LANGUAGES, page_language=page_language, messages_for=messages_for, phase_kinds=phase_kinds
    )


def select_locale() -> str:
    """An explicit choice (?lang= or the switcher's cookie), else the browser's best match
    among the shipped languages, else English."""
    for explicit in (request.args.get(COOKIE), request.cookies.get(COOKIE)):
        if explicit in LANGUAGES:
            return explicit
    # Werkzeug's best_match prefers any exact tag over a closer region match ("de-AT" loses
    # to a lower "fr"); we ship languages without regions, so compare primary tags in order.
    for tag, _quality in request.accept_languages:  # best first
        primary = tag.replace("_", "-").split("-")[0].lower()
        if primary in LANGUAGES:
            return primary
    return DEFAULT


def phase_kinds() -> list[tuple[str, str]]:
    """The phase kinds with their names in the reader's language: the dashboard's agenda editor
    offers these, and keeps no list of its own."""
    catalogue = get_translations()
    return [(kind, catalogue.ugettext(label)) for kind, label in phases.LABELS.items()]


def page_language() -> str:
    """The `lang` of the page being rendered."""
    return str(get_locale() or DEFAULT)


def remember_choice(response: Response) -> Response:
    """The switcher sends ?lang=: keep it in a cookie so every later page follows it."""
    chosen = request.args.get(COOKIE)
    if chosen in LANGUAGES and request.cookies.get(COOKIE) != chosen:
        response.set_cookie(COOKIE, chosen, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True)
    return response


def messages_for(script: str) -> Markup:
    """A JSON block for lib/i18n.js: the translations of the messages `static/js/<script>.js`
    and the shared `lib/` modules use, of the common refusals by code and of the built-in
    phase texts. Only what differs from English is sent, so English pages get empty maps."""
    catalogue = get_translations()
    translated: dict[str, Any] = {}
    for message in _script_messages(script):
        if isinstance(message, tuple):
            one, other = message
            # Two forms cover every shipped language; i18n.js picks one with Intl.PluralRules.
            forms = [catalogue.ungettext(one, other, 1), catalogue.ungettext(one, other, 2)]
            if forms != [one, other]:
                translated[one] = forms
        elif (text := catalogue.ugettext(message)) != message:
            translated[message] = text
    errors = {code: said for code, text in ERRORS.items() if (said := catalogue.ugettext(text)) != text}
    phases = {text: said for text in BUILT_IN_PHASE_TEXTS if (said := catalogue.ugettext(text)) != text}
    block = {"messages": translated, "errors": errors, "phases": phases}
    # Escaped like Jinja's tojson, so no text can close the script element.
    body = json.dumps(block, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        body = body.replace(char, escape)
    return Markup(f'<script type="application/json" id="messages">{body}</script>')


@functools.cache
def _script_messages(script: str) -> tuple[str | tuple[str, str], ...]:
    """The messages in a page's module, its own folder and the shared lib/, read once per process."""
    # A page split into modules keeps them in a folder of its name (static/js/dashboard/).
    own = sorted((SCRIPTS / script).glob("*.js"))
    paths = [SCRIPTS / f"{script}.js", *own, *sorted((SCRIPTS / "lib").glob("*.js"))]
    found: dict[str | tuple[str, str], None] = {}
    for path in paths:
        with path.open("rb") as source:
            for _line, message, _comments, _context in extract("javascript", source, JS_KEYWORDS):
                found[message] = None
    return tuple(found)


def compile_catalogues(folder: Path) -> None:
    """Compiles each .po into its .mo when the .mo is missing or older.

    The .mo files are build output, ignored by git: compiling here means a fresh checkout
    runs with nothing more than `pip install` and `python -m workshop`, and a .mo can never
    lag behind its .po. Each is written to a temporary file and renamed, so processes that
    start together never read half a file."""
    for po_path in folder.glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        handle, temp = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo.tmp")
        with os.fdopen(handle, "wb") as mo_file:
            write_mo(mo_file, catalog)
        os.replace(temp, mo_path)
