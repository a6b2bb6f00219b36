"""The owner's series view: several workshops side by side, and their combined downloads."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, redirect, render_template, request

from ..domain.errors import BadKey, Unauthorized, WorkshopError
from ..service import access, series
from ..store.workshops import WorkshopStore
from . import attachments, auth
from .context import ctx
from .errors import body_for

bp = Blueprint("series", __name__)


@bp.get("/series")
def series_page() -> Any:
    if access.is_owner_key(ctx(), auth.presented_key()) and request.args.get("key"):
        # As on the home page: the key becomes the cookie and leaves the address bar.
        auth.remember_owner(ctx())
        return redirect(f"{request.path}?{_query()}" if _query() else request.path)
    if not auth.is_owner(ctx()):
        wrong = bool(auth.presented_key())
        return _page(refused=True, wrong_key=wrong), 401
    try:
        view = series.series(_selected())
    except WorkshopError as exc:
        return _page(error=body_for(exc)["error"]), exc.status
    return _page(view=view, query=_query())


@bp.get("/series.csv")
def series_csv() -> Any:
    stores = _owner_selection()
    return attachments.csv_file(series.series_csv(stores), "workshop-series.csv")


@bp.get("/series.json")
def series_json() -> Any:
    stores = _owner_selection()
    return attachments.json_file(series.series_json(stores, ctx().join_url), "workshop-series.json")


@bp.get("/series.md")
def series_md() -> Any:
    stores = _owner_selection()
    return attachments.markdown_file(series.series_markdown(stores), "workshop-series.md")


def _owner_selection() -> list[WorkshopStore]:
    """The selected workshops, for the owner (key or cookie); anyone else is refused with
    `missing_key` or `bad_key`, as `GET /api/workshops` refuses them."""
    if not auth.is_owner(ctx()):
        if auth.presented_key():
            raise BadKey("That is not the owner key.", field="key")
        raise Unauthorized("A series needs the owner key.", field="key")
    return _selected()


def _selected() -> list[WorkshopStore]:
    return series.select(ctx(), request.args.getlist("w"), request.args.get("prefix"))


def _query() -> str:
    """The selection of this request, to repeat in the download links."""
    chosen = [("w", code) for code in request.args.getlist("w") if code.strip()]
    prefix = request.args.get("prefix", "").strip()
    return urlencode(chosen + ([("prefix", prefix)] if prefix else []))


def _page(**context: Any) -> str:
    defaults = {"view": None, "error": None, "refused": False, "wrong_key": False, "query": ""}
    return render_template(
        "series.html",
        **{**defaults, **context},
        chosen=request.args.getlist("w"),
        prefix=request.args.get("prefix", ""),
    )
