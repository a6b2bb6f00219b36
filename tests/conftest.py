"""Shared fixtures: each test gets a fresh data folder, context, app and clients."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.factories import OWNER_KEY, FakeClock, make_context, make_settings, make_workshop, setup_payload
from workshop.service.context import Context
from workshop.store.workshops import WorkshopStore


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def ctx(tmp_path: Path, clock: FakeClock) -> Context:
    context = make_context(tmp_path / "sessions", clock=clock)
    yield context
    context.files.close_all()


@pytest.fixture
def store(ctx: Context) -> WorkshopStore:
    """A workshop with two self-select groups, Finance and Design."""
    made, _ = make_workshop(ctx)
    return made


@pytest.fixture
def app_and_socketio(tmp_path: Path):
    from workshop.wiring import build  # the app as `python -m workshop` serves it, runtime included

    app, socketio = build(make_settings(tmp_path / "sessions"))
    app.config["TESTING"] = True
    yield app, socketio
    app.extensions["workshop"].files.close_all()


@pytest.fixture
def app(app_and_socketio):
    return app_and_socketio[0]


@pytest.fixture
def http(app):
    return app.test_client()


@pytest.fixture
def created(http) -> Callable[..., dict[str, Any]]:
    """Create a workshop through the API; returns the 201 body."""

    def create(**overrides: Any) -> dict[str, Any]:
        response = http.post(
            "/api/workshops",
            json=setup_payload(**overrides),
            headers={"Authorization": f"Bearer {OWNER_KEY}"},
        )
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return create
