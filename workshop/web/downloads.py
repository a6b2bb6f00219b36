"""The facilitator's downloads: JSON, CSV and the Markdown report."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify

from ..domain.errors import Unauthorized
from ..service import access, exports
from ..store.workshops import WorkshopStore
from . import auth
from .context import ctx, lookup

bp = Blueprint("downloads", __name__)


@bp.get("/w/<code>/export.json")
def export_json(code: str) -> Any:
    store = _authorized(code)
    response = jsonify(exports.export_json(ctx(), store))
    return _attachment(response, f"workshop-{store.code}.json")


@bp.get("/w/<code>/export.csv")
def export_csv(code: str) -> Any:
    store = _authorized(code)
    body = "\ufeff" + exports.export_csv(store)  # the BOM makes spreadsheets read UTF-8
    return _attachment(Response(body, mimetype="text/csv"), f"workshop-{store.code}.csv")


@bp.get("/w/<code>/report.md")
def report_md(code: str) -> Any:
    store = _authorized(code)
    body = exports.report_markdown(store)
    return _attachment(Response(body, mimetype="text/markdown"), f"workshop-{store.code}.md")


def _authorized(code: str) -> WorkshopStore:
    store = lookup(code)
    if not auth.may_facilitate(ctx(), store):
        access.require_key(ctx(), store, auth.presented_key())
        raise Unauthorized("This download needs the facilitator key.", field="key")
    return store


def _attachment(response: Response, filename: str) -> Response:
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
