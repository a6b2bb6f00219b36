"""`python -m workshop` applies retention when it starts: a due workshop's file is gone."""

from __future__ import annotations

import time

import requests

from tests.factories import FakeClock, make_context, make_workshop
from tests.live_server import OWNER_KEY, LiveServer, port_is_free
from workshop.domain.commands import Empty
from workshop.domain.retention import DAY
from workshop.service import steering
from workshop.service.actors import FACILITATOR, Actor


def closed_workshop(data_dir, *, days_ago: float, **setup) -> str:
    """A workshop closed `days_ago` days ago, written as a past run of the app left it."""
    ctx = make_context(data_dir, clock=FakeClock(time.time() - days_ago * DAY))
    store, _ = make_workshop(ctx, **setup)
    steering.close_workshop(ctx, store, Actor(store.code, FACILITATOR), Empty())
    ctx.files.close_all()
    return store.code


def test_a_due_workshop_is_deleted_at_start_up_and_the_others_are_kept(tmp_path):
    data_dir = tmp_path / "sessions"
    due = closed_workshop(data_dir, days_ago=31, title="Past due", retention=30)
    not_yet = closed_workshop(data_dir, days_ago=29, title="Not yet", retention=30)
    kept = closed_workshop(data_dir, days_ago=3000, title="Kept")
    assert (data_dir / f"{due}.db").exists()

    server = LiveServer(data_dir).start()
    try:
        deadline = time.monotonic() + 15
        while (data_dir / f"{due}.db").exists() and time.monotonic() < deadline:
            time.sleep(0.1)  # the sweep runs as a background task once the server is up
        assert not (data_dir / f"{due}.db").exists(), server.log()
        assert sorted(p.name for p in data_dir.glob(f"{due}*")) == []
        listed = requests.get(
            server.url + "/api/workshops", headers={"Authorization": f"Bearer {OWNER_KEY}"}, timeout=5
        ).json()["workshops"]
        assert sorted(w["code"] for w in listed) == sorted([not_yet, kept])
        assert f"workshop {due} deleted" in server.log()
    finally:
        server.stop()
    assert port_is_free(server.port)
