"""Data protection over HTTP: the owner deletes a workshop; anonymised downloads; the
home page's retention warnings."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)

from ..domain.errors import BadKey, InvalidInput, Unauthorized
from ..service import access, privacy
from ..store.workshops import WorkshopStore
from . import attachments, auth, broadcasts
from .context import ctx, lookup

bp = Blueprint("privacy", __name__)


@bp.app_context_processor
def retention_warnings() -> dict[str, Any]:
    # A function, so only the page that shows the warnings (home) reads every workshop.
    return {"retention_warnings": lambda: privacy.warnings(ctx())}


@bp.get("/w/<code>/delete")
def confirm_delete(code: str) -> Any:
    store = _owner_or_refused(code)
    return _confirm_page(store, error=None)


@bp.post("/w/<code>/delete")
def delete(code: str) -> Any:
    store = _owner_or_refused(code)
    try:
        deleted = privacy.delete_workshop(
            ctx(),
            store.code,
            request.form.get("confirm", ""),
            owner=auth.is_owner(ctx()),
            farewell=current_app.extensions["workshop.connections"].emit,  # before the file goes
        )
    except InvalidInput as exc:
        return _confirm_page(store, error=exc.message), 400
    broadcasts.feed().mark(store.code)
    flash(deleted["title"], "deleted")
    return redirect(url_for("pages.home"), code=303)


@bp.get("/w/<code>/export.anon.json")
def export_anon_json(code: str) -> Any:
    store = _facilitator_or_refused(code)
    return attachments.json_file(
        privacy.anonymised_json(ctx(), store), f"workshop-{store.code}-anonymised.json"
    )


@bp.get("/w/<code>/export.anon.csv")
def export_anon_csv(code: str) -> Any:
    store = _facilitator_or_refused(code)
    return attachments.csv_file(privacy.anonymised_csv(store), f"workshop-{store.code}-anonymised.csv")


def _owner_or_refused(code: str) -> WorkshopStore:
    """The workshop, for the owner; a facilitator of it is refused by the use case
    (`not_allowed`), anyone else here (`missing_key` or `bad_key`)."""
    store = lookup(code)
    if auth.is_owner(ctx()) or auth.may_facilitate(ctx(), store):
        return store
    if auth.presented_key():
        raise BadKey("That key does not open this workshop.", field="key")
    raise Unauthorized("Deleting a workshop needs the owner key.", field="key")


def _facilitator_or_refused(code: str) -> WorkshopStore:
    store = lookup(code)
    if not auth.may_facilitate(ctx(), store):
        access.require_key(ctx(), store, auth.presented_key())
        raise Unauthorized("This download needs the facilitator key.", field="key")
    return store


def _confirm_page(store: WorkshopStore, error: str | None) -> str:
    privacy.require_owner(auth.is_owner(ctx()))
    return render_template("delete.html", code=store.code, title=store.workshop().title, error=error)
