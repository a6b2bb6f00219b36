"""The bare stack the benchmark compares against: Flask-SocketIO on eventlet that inserts
each card into SQLite and emits it to two rooms, and nothing else.

Run as `python -m bench.baseline --port P --data-dir D`. It speaks just enough of
the protocol for the benchmark: connect with `{code}` or `{code, key}`, `join`, `card:add`.
"""

import warnings  # isort: skip

warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
import eventlet  # noqa: E402  # isort: skip

eventlet.monkey_patch()

import argparse  # noqa: E402
import itertools  # noqa: E402
import sqlite3  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from flask import Flask, jsonify, request  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

from workshop.runtime.listening import serve  # noqa: E402

GROUP_SIZE = 10


def build(data_dir: Path, groups: int) -> tuple[Flask, SocketIO]:
    app = Flask(__name__)
    socketio = SocketIO(app, async_mode="eventlet", max_http_buffer_size=64 * 1024)
    data_dir.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(str(data_dir / "baseline.db"), check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute(
        "CREATE TABLE IF NOT EXISTS cards (id INTEGER PRIMARY KEY, client_id TEXT, text TEXT, ts REAL)"
    )
    seats = itertools.cycle(range(1, groups + 1))
    members: dict[str, int] = {}

    @app.get("/healthz")
    def healthz():
        return jsonify(ok=True)

    @socketio.on("connect")
    def on_connect(auth=None):
        if auth and auth.get("key"):
            join_room("facilitators")

    @socketio.on("join")
    def on_join(data=None):
        group = next(seats)
        members[request.sid] = group
        join_room(f"g{group}")
        return {"ok": True, "participant": {"id": len(members), "group_id": group}, "state": {}}

    @socketio.on("card:add")
    def on_card(data):
        with db:
            cur = db.execute(
                "INSERT INTO cards (client_id, text, ts) VALUES (?, ?, ?)",
                (data["client_id"], data["text"], time.time()),
            )
        card = {"id": cur.lastrowid, "client_id": data["client_id"], "text": data["text"]}
        socketio.emit("card:added", {"card": card}, to=f"g{members.get(request.sid, 0)}")
        socketio.emit("card:added", {"card": card}, to="facilitators")
        return {"ok": True, "card": card}

    return app, socketio


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--groups", type=int, default=100)
    args = parser.parse_args()
    app, _ = build(args.data_dir, args.groups)
    # Like our server: more than eventlet's default 1,024 connections at once, and the same
    # deep listen queue, so that both face the join burst on equal terms.
    serve(app, "127.0.0.1", args.port, max_size=10_000, socket_timeout=None)


if __name__ == "__main__":
    main()
