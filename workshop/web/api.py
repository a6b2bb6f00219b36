"""The JSON API for scripts: create and list workshops, and send notices, with the owner key."""

from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, current_app, jsonify, request, url_for

from ..domain import notices
from ..domain.commands import CreateWorkshop, SendNotice
from ..domain.errors import InvalidPayload
from ..service import access, setup
from . import auth, broadcasts, payloads
from .context import ctx

bp = Blueprint("api", __name__, url_prefix="/api")


def json_body(message: str) -> Any:
    """The request's JSON, or `invalid_payload` with `message`: a body that is not JSON, or that
    the decoder gives up on (nested too deep, an integer of thousands of digits), is the
    client's mistake and answered as one, never as a server error with a traceback."""
    try:
        raw = request.get_json(silent=True)
    except (ValueError, RecursionError):
        raw = None
    if raw is None:
        raise InvalidPayload(message)
    return raw


@bp.post("/workshops")
def create_workshop() -> Any:
    access.require_owner(ctx(), auth.presented_key())
    raw = json_body("Send the set-up as a JSON object.")
    created = setup.create_workshop(ctx(), payloads.parse(CreateWorkshop, raw))
    broadcasts.feed().mark(created.code)
    base = ctx().public_url
    code, key = created.code, created.facilitator_key
    return jsonify(
        code=code,
        facilitator_key=key,
        join_url=ctx().join_url(code),
        facilitator_url=base + url_for("pages.facilitate", code=code, key=key),
        screen_url=base + url_for("pages.screen", code=code),
    ), 201


@bp.get("/workshops")
def list_workshops() -> Any:
    access.require_owner(ctx(), auth.presented_key())
    return jsonify(workshops=setup.summaries(ctx()))


@bp.post("/notices")
def send_notice() -> Any:
    """The owner's message to every phone, dashboard and projector, on every process."""
    if not auth.is_owner(ctx()):  # the owner's page sends its cookie; scripts the Bearer key
        access.require_owner(ctx(), auth.presented_key())
    raw = json_body("Send the notice as a JSON object.")
    notice = notices.notice(payloads.parse(SendNotice, raw), time.time())
    broadcasts.send_notice(current_app.extensions["socketio"], notice)
    return jsonify(ok=True, notice=notice)
