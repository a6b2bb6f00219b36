"""Secrets made once per data folder and kept in it: the owner key and the cookie secret."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def load_or_create(data_dir: Path, name: str) -> str:
    """Read `<data_dir>/<name>`, or make it with a new random value, readable by us alone."""
    path = Path(data_dir) / name
    if path.exists():
        value = path.read_text(encoding="utf-8").strip()
        if value:
            return value
        path.unlink()  # an empty file is as good as none
    value = secrets.token_urlsafe(32)
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: when two processes start at once, one writes and the other reads its value.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(value + "\n")
    return value
