"""The one place that turns exceptions into answers, for routes and acknowledgements alike."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from ..domain.errors import WorkshopError

log = logging.getLogger(__name__)


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    """The one error shape: `{"ok": false, "error": {code, message, field}}`; a page shows
    its `error` part."""
    return {"ok": False, "error": {"code": code, "message": message, "field": field}}


def body_for(exc: WorkshopError) -> dict[str, Any]:
    """The error shape of something a user caused: for a route, an ack or a page."""
    return error_body(exc.code, exc.message, exc.field)


INTERNAL = error_body("internal", "Something went wrong on the server. Please try again.")
ONE_ARGUMENT = error_body("invalid_input", "This event takes one argument: an object.")


def acknowledged(handler: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    """Answer `{"ok": true, ...}`, or the error shape; never let an exception escape."""

    @functools.wraps(handler)
    def wrapper(*args: Any) -> dict[str, Any]:
        if len(args) > 1:  # a client's mistake, answered like any other bad input
            return ONE_ARGUMENT
        try:
            return {"ok": True, **handler(*args)}
        except WorkshopError as exc:
            return body_for(exc)
        except Exception:
            log.exception("internal error in %s", handler.__name__)
            return INTERNAL

    return wrapper
