"""The domain is pure Python: no web, Socket.IO, SQLite, I/O framework or outer layer."""

from __future__ import annotations

import pytest

from tests.domain.imports import PACKAGE_ROOT, imported, is_within, modules_under

FORBIDDEN = (
    "flask",
    "flask_socketio",
    "socketio",
    "sqlite3",
    "sqlite_utils",
    "eventlet",
    "msgspec",
    "workshop.store",
    "workshop.service",
    "workshop.web",
)
DOMAIN_MODULES = modules_under("domain")


@pytest.mark.parametrize(
    "path", DOMAIN_MODULES, ids=[str(p.relative_to(PACKAGE_ROOT)) for p in DOMAIN_MODULES]
)
def test_domain_module_imports_nothing_impure(path):
    bad = sorted({name for name in imported(path) if any(is_within(name, f) for f in FORBIDDEN)})
    assert bad == [], f"workshop/{path.relative_to(PACKAGE_ROOT)} imports {bad}"


def test_domain_has_the_modules_we_expect():
    names = {p.stem for p in DOMAIN_MODULES}
    assert {"codes", "texts", "setup", "cards", "people", "assignment", "keys", "errors"} <= names
