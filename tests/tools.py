"""The outside programs some tests need (Chromium, nginx, redis-server): a test without one
is skipped here, saying how to install it, and fails under CI, which installs them all."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

from bench import nginx


def missing(reason: str) -> NoReturn:
    """Skip, or fail under CI (CI=true): there a missing tool is a broken set-up, not a skip."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true, and .ci/run installs it: a failure, not a skip)")
    pytest.skip(reason)


def require_nginx() -> None:
    if not nginx.available():
        missing("no nginx: install Debian's package with `apt-get install nginx-light`")
