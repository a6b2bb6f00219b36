"""QR codes of join links, for the projector (SVG) and the terminal (text)."""

from __future__ import annotations

import io

import segno


def svg(url: str, *, scale: int = 8) -> str:
    """An inline SVG of the QR code; only segno's own markup, the URL is encoded as modules."""
    out = io.BytesIO()
    segno.make(url, error="m").save(
        out, kind="svg", scale=scale, border=2, xmldecl=False, omitsize=True, title="QR code to join"
    )
    return out.getvalue().decode("utf-8")


def terminal(url: str) -> str:
    """The QR code drawn with block characters, for the start-up banner."""
    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True)
    return out.getvalue()
