"""HTML pages: home, join, the attendee page, the dashboard, the projector, the key form."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, redirect, render_template, request, session, url_for
from flask_babel import gettext
from markupsafe import Markup

from ..domain.commands import CreateWorkshop
from ..domain.errors import UnknownWorkshop, WorkshopError
from ..domain.setup import copy_title
from ..service import access, report_document, setup
from ..store.workshops import WorkshopStore
from . import auth, broadcasts, browsers, payloads, qr
from .context import ctx, lookup
from .errors import body_for

bp = Blueprint("pages", __name__)


@bp.get("/")
def home() -> Any:
    if access.is_owner_key(ctx(), auth.presented_key()):
        auth.remember_owner(ctx())
        return redirect(url_for("pages.home"))
    return _home()


@bp.get("/j")
def join_by_code() -> Any:
    typed = request.args.get("code", "")
    try:
        store = lookup(typed)
    except UnknownWorkshop:
        return render_template("not_found.html", code=typed), 404
    return redirect(url_for("pages.attendee", code=store.code))


@bp.get("/j/<code>")
def attendee(code: str) -> Any:
    try:
        store = lookup(code)
    except UnknownWorkshop:
        return render_template("not_found.html", code=code), 404
    if store.code != code:  # a lower-case link: show the canonical one
        return redirect(url_for("pages.attendee", code=store.code))
    browsers.remember_browser()
    return render_template(
        "attendee.html",
        code=store.code,
        title=store.workshop().title,
        # Shown at once instead of the join form; a phone that joined before still gets in.
        door_closed=store.live().settings.door_closed,
    )


@bp.post("/workshops")
def create_from_form() -> Any:
    if not auth.is_owner(ctx()):
        return render_template("key.html", code=None, error=None, action=url_for("pages.home")), 401
    form = request.form
    raw = {
        "title": form.get("title", ""),
        "question": form.get("question", ""),
        "groups": _groups_field(form.get("groups", "")),
        "kinds": [k for k in (s.strip() for s in form.get("kinds", "").split(",")) if k] or None,
        "assignment": form.get("assignment", "self"),
        "allow_anonymous": form.get("allow_anonymous") == "1",
        "agenda_template": form.get("agenda_template") or None,
        "votes_per_person": _int_field(form.get("votes_per_person", "3")),
        "multiple_votes_per_item": form.get("multiple_votes_per_item") == "1",
        "cards_while_voting": form.get("cards_while_voting") == "1",
        "blur_cards": form.get("blur_cards") == "1",
        "retention": form.get("retention", "keep"),
    }
    try:
        created = setup.create_workshop(ctx(), payloads.parse(CreateWorkshop, raw))
    except WorkshopError as exc:
        return _home(form=dict(form), form_error=body_for(exc)["error"]), 400
    broadcasts.feed().mark(created.code)
    # The workshop's own key is kept only as a hash: show its link once, on the dashboard.
    session["created"] = {"code": created.code, "key": created.facilitator_key}
    return redirect(url_for("pages.facilitate", code=created.code), code=303)


@bp.post("/w/<code>/template")
def use_as_template(code: str) -> Any:
    """The owner's "Use as template": a new workshop with this one's set-up and no data."""
    if not auth.is_owner(ctx()):
        return render_template("key.html", code=None, error=None, action=url_for("pages.home")), 401
    title = request.form.get("title")  # left out or blank: "<title> (copy)"
    try:
        created = setup.from_template(ctx(), lookup(code), title)
    except WorkshopError as exc:
        copy_error = {**body_for(exc)["error"], "workshop": code, "title": title}
        return _home(copy_error=copy_error), 400
    broadcasts.feed().mark(created.code)
    session["created"] = {"code": created.code, "key": created.facilitator_key}
    return redirect(url_for("pages.facilitate", code=created.code), code=303)


@bp.get("/w/<code>/facilitate")
def facilitate(code: str) -> Any:
    return _steward_page(code, "facilitate.html")


@bp.get("/w/<code>/screen")
def screen(code: str) -> Any:
    return _steward_page(code, "screen.html")


@bp.get("/w/<code>/report")
def report(code: str) -> Any:
    """The printable report; names only when the facilitator ticks "include names"."""
    store = steward_gate(code)
    if not isinstance(store, WorkshopStore):
        return store
    include_names = request.args.get("names") == "1"
    return render_template("report.html", doc=report_document.document(store, include_names=include_names))


@bp.get("/w/<code>/qr.svg")
def qr_svg(code: str) -> Any:
    store = lookup(code)
    return Response(qr.svg(ctx().join_url(store.code)), mimetype="image/svg+xml")


def _home(form: dict | None = None, form_error: dict | None = None, copy_error: dict | None = None) -> str:
    owner = auth.is_owner(ctx())
    query = request.args.get("q", "").strip()[:200]
    return render_template(
        "home.html",
        is_owner=owner,
        workshops=setup.summaries(ctx(), title_contains=query) if owner else [],
        query=query,
        form=form or {},
        form_error=form_error,
        copy_error=copy_error,  # a refused title for a template's copy, shown at that workshop
        copy_title=copy_title,
        join_error=None,
        code=request.args.get("code", ""),
    )


def _groups_field(text: str) -> list[str] | int:
    """The set-up form's groups box: a number, or one name per line."""
    stripped = text.strip()
    if stripped.isdigit():
        return int(stripped)
    return [line.strip() for line in stripped.splitlines() if line.strip()]


def _int_field(text: str) -> int | str:
    """A number box: an int when it holds one, else the text, for a clear type error."""
    stripped = text.strip()
    return int(stripped) if stripped.lstrip("-").isdigit() else stripped


def steward_gate(code: str) -> WorkshopStore | Any:
    """The workshop, when this browser may facilitate it; else the answer to send instead
    (not found, the key form, or a redirect that drops the key from the address bar)."""
    try:
        store = lookup(code)
    except UnknownWorkshop:
        return render_template("not_found.html", code=code), 404
    link_key = request.args.get("key")
    if link_key is not None:
        if not access.opens(ctx(), store, link_key.strip()):
            return _key_form(store, gettext("That key does not open this workshop.")), 401
        auth.remember_workshop(store)
        # Drop the key from the address bar, so it is not shown on a projector or shared.
        return redirect(request.path)
    if not auth.may_facilitate(ctx(), store):
        return _key_form(store, None), 401
    return store


def _steward_page(code: str, template: str) -> Any:
    """A page for the facilitator: key in the link once, then the cookie."""
    store = steward_gate(code)
    if not isinstance(store, WorkshopStore):
        return store
    join_url = ctx().join_url(store.code)
    created = session.pop("created", None) if template == "facilitate.html" else None
    cofacilitator_url = None
    if created and created.get("code") == store.code:
        link = url_for("pages.facilitate", code=store.code, key=created["key"])
        cofacilitator_url = ctx().public_url + link
    return render_template(
        template,
        code=store.code,
        title=store.workshop().title,
        join_url=join_url,
        qr_svg=Markup(qr.svg(join_url)),  # segno's own markup; the URL is only QR modules
        cofacilitator_url=cofacilitator_url,
    )


def _key_form(store: WorkshopStore, error: str | None) -> str:
    return render_template("key.html", code=store.code, error=error, action=request.path)
