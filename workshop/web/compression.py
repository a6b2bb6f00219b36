"""Compressed static files, so the attendee page stays small on venue Wi-Fi.

Flask-Compress does the compressing; each static file is compressed once per encoding and
kept in memory (our static files change only with a new version), so a room of phones
loading the page at once costs no CPU for it. Pages are small and not compressed.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, request
from flask_compress import Compress


class _MemoryCache(dict):
    """The get/set cache Flask-Compress expects, kept for the life of the process."""

    def set(self, key: str, value: Any) -> None:
        self[key] = value


def compress_static(app: Flask) -> None:
    app.config.update(
        COMPRESS_REGISTER=False,  # only the hook below, for static files
        COMPRESS_ALGORITHM=["br", "gzip"],  # phones on plain http are offered gzip only
        COMPRESS_LEVEL=9,
        COMPRESS_CACHE_BACKEND=_MemoryCache,
        COMPRESS_CACHE_KEY=lambda req: req.path,
        COMPRESS_EVALUATE_CONDITIONAL_REQUEST=True,
    )
    compress = Compress(app)

    @app.after_request
    def compressed(response: Response) -> Response:
        if request.endpoint != "static" or response.status_code != 200:
            return response
        # Read the file into the response, so it is compressed whole and the result cached.
        source = response.response
        response.direct_passthrough = False
        response.set_data(response.get_data())
        if hasattr(source, "close"):
            source.close()
        return compress.after_request(response)
