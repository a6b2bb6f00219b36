"""The owner's notices: one short message to every connected phone, dashboard and projector,
such as "The plenary starts in five minutes in the main hall"."""

from __future__ import annotations

from typing import Any

from . import texts
from .commands import SendNotice


def notice(cmd: SendNotice, now: float) -> dict[str, Any]:
    """The `notice` payload: the trimmed text and when it was sent."""
    text = texts.required_text(cmd.text, field="text", limit=texts.NOTICE_MAX, what="The message")
    return {"text": text, "at": now}
