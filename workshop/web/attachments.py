"""Files to take home: one way to send a download, whatever its format."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

from ..service import exports


def csv_file(text: str, filename: str) -> Response:
    """A CSV a spreadsheet opens as UTF-8."""
    return attachment(Response(exports.for_spreadsheets(text), mimetype="text/csv"), filename)


def json_file(data: Any, filename: str) -> Response:
    return attachment(jsonify(data), filename)


def markdown_file(text: str, filename: str) -> Response:
    return attachment(Response(text, mimetype="text/markdown"), filename)


def attachment(response: Response, filename: str) -> Response:
    """Saved under `filename` rather than shown, and never cached: it may name people."""
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
