"""The facilitator's downloads: JSON, CSV and the Markdown report."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from ..domain.errors import Unauthorized
from ..service import access, exports
from ..store.workshops import WorkshopStore
from . import attachments, auth
from .context import ctx, lookup

bp = Blueprint("downloads", __name__)


@bp.get("/w/<code>/export.json")
def export_json(code: str) -> Any:
    store = _authorized(code)
    return attachments.json_file(exports.export_json(ctx(), store), f"workshop-{store.code}.json")


@bp.get("/w/<code>/export.csv")
def export_csv(code: str) -> Any:
    store = _authorized(code)
    return attachments.csv_file(exports.export_csv(store), f"workshop-{store.code}.csv")


@bp.get("/w/<code>/report.md")
def report_md(code: str) -> Any:
    store = _authorized(code)
    return attachments.markdown_file(exports.report_markdown(store), f"workshop-{store.code}.md")


def _authorized(code: str) -> WorkshopStore:
    store = lookup(code)
    if not auth.may_facilitate(ctx(), store):
        access.require_key(ctx(), store, auth.presented_key())
        raise Unauthorized("This download needs the facilitator key.", field="key")
    return store
