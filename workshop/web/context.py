"""Reach the service context and the open stores from inside a request or a handler."""

from __future__ import annotations

from flask import current_app, request

from ..domain import codes
from ..domain.errors import UnknownWorkshop
from ..service.context import Context
from ..store.workshops import WorkshopStore
from .guards import lookup_store


def ctx() -> Context:
    return current_app.extensions["workshop"]


def store_for(raw_code: str) -> WorkshopStore:
    """The workshop a typed or linked code names, or `unknown_workshop`."""
    code = codes.normalize(raw_code or "")
    if code is None:
        raise UnknownWorkshop(f"{raw_code!r} is not a workshop code.", field="code")
    return ctx().store(code)


def lookup(raw_code: str) -> WorkshopStore:
    """`store_for`, with failures counted per client address so codes can't be enumerated."""
    limiter = current_app.extensions["workshop.guards"]["lookups"]
    return lookup_store(lambda: store_for(raw_code), limiter, request.remote_addr or "?")
