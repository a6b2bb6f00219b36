"""The application factory: settings in, a Flask app with Socket.IO attached out."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Flask, jsonify, request
from flask_socketio import SocketIO
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from .. import assets
from ..config import Settings
from ..domain.errors import WorkshopError
from ..service.context import Context
from ..store import secret_files
from ..store.files import WorkshopFiles
from ..store.handle import WRITES_INLINE, Writes
from . import (
    api,
    broadcasts,
    compression,
    downloads,
    frame_gate,
    guards,
    hooks,
    i18n,
    lan,
    pages,
    privacy_routes,
    series,
    sockets,
)
from .errors import body_for, error_body
from .quiet_log import ClientAddress, QuietLog, library_logger

# Socket.IO messages are small; anything bigger than this is refused at the transport.
MAX_MESSAGE_BYTES = 64 * 1024


def create_app(settings: Settings, runtime: hooks.Runtime | None = None) -> tuple[Flask, SocketIO]:
    """Build the app for one data folder; `runtime` plugs in the process runtime's pieces."""
    runtime = runtime or hooks.Runtime()
    data_dir = Path(settings.data_dir)
    files = WorkshopFiles(
        data_dir, clock=time.time, synchronous=settings.synchronous, writes=_writes(settings.async_mode)
    )
    owner_key = settings.owner_key or secret_files.load_or_create(data_dir, ".owner_key")
    public_url = settings.public_url or lan.public_url(settings.host, settings.port)

    app = Flask(__name__, template_folder=str(assets.TEMPLATES), static_folder=str(assets.STATIC))
    if runtime.session_interface is not None:
        app.session_interface = runtime.session_interface
    app.config.update(
        SECRET_KEY=secret_files.load_or_create(data_dir, ".secret_key"),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="workshop_session",
        PERMANENT_SESSION_LIFETIME=timedelta(days=30),
        JSON_SORT_KEYS=False,
    )
    app.extensions["workshop"] = Context(
        files=files, owner_key=owner_key, public_url=public_url, offload=_offload(settings.async_mode)
    )
    app.jinja_env.filters["datetime"] = _human_time
    i18n.init_app(app)

    for blueprint in (pages.bp, downloads.bp, api.bp, privacy_routes.bp, series.bp):
        app.register_blueprint(blueprint)

    compression.compress_static(app)

    @app.get("/healthz")
    def healthz() -> Any:
        return jsonify(ok=True)

    # Socket.IO's middleware answers this path before Flask does; but Flask-SocketIO opens a
    # request context for every event, and without rules of its own the URL matching raised
    # (NotFound over polling, WebsocketMismatch over websocket: werkzeug matches a websocket
    # request only to a websocket rule) and kept the exception with its traceback: slower,
    # and cyclic garbage on every event.
    def socketio_path() -> Any:
        return jsonify(ok=False), 404

    app.add_url_rule("/socket.io/", view_func=socketio_path, strict_slashes=False)
    app.add_url_rule("/socket.io/", "socketio_websocket", socketio_path, strict_slashes=False, websocket=True)

    @app.errorhandler(WorkshopError)
    def workshop_error(exc: WorkshopError) -> Any:
        return jsonify(body_for(exc)), exc.status

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        """The API answers in its own JSON shape, whatever went wrong; pages keep Flask's."""
        if not request.path.startswith("/api/"):
            return exc
        code = (exc.name or "error").lower().replace(" ", "_")
        return jsonify(error_body(code, exc.description or exc.name)), exc.code

    extra_origins = frozenset(settings.allowed_origins)
    app.extensions["workshop.guards"] = {
        "origins": extra_origins,
        "lookups": guards.Limiter(*settings.lookup_rates),
    }

    @app.before_request
    def refuse_foreign_posts() -> None:
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            guards.check_origin(extra_origins)

    # Several processes share the owner's list and notices through a message queue.
    queue = {"message_queue": settings.message_queue, "channel": "workshop"} if settings.message_queue else {}
    # What clients get wrong is logged as one line per address a minute, never a traceback.
    quiet = QuietLog(logging.getLogger("workshop.clients"))
    addresses = ClientAddress()
    socketio = SocketIO(
        app,
        **queue,
        async_mode=settings.async_mode,
        max_http_buffer_size=MAX_MESSAGE_BYTES,
        cors_allowed_origins=lambda origin, environ: guards.origin_ok(origin, environ, extra_origins),
        logger=False,
        engineio_logger=library_logger("workshop.engineio", quiet, addresses.current, "refused by Engine.IO"),
        # A connection's events run one after another in its own reader, so a flooder's frames
        # wait behind each other instead of each taking a green thread, and the frame gate
        # below sees every failure of decoding or dispatch.
        async_handlers=False,
        **runtime.socketio_options,
    )
    frame_gate.guard_frames(
        socketio.server,
        frame_gate.FrameGate(frame_gate.FrameAllowance(settings.frame_burst, settings.frame_rate)),
        quiet,
    )
    app.wsgi_app = addresses.bind(app.wsgi_app)  # inside ProxyFix: the client's own address
    app.extensions["workshop.feed"] = broadcasts.WorkshopsFeed()
    activity = hooks.Activity()
    app.extensions["workshop.activity"] = activity
    app.extensions["workshop.connections"] = sockets.register(
        socketio,
        sockets.Rates(
            attendee=settings.event_rates, steward=settings.steward_rates, joins=settings.join_rates
        ),
        activity=activity,
        feed=app.extensions["workshop.feed"],
    )
    if settings.trusted_proxies:
        # Behind nginx, the client's own address (for per-address limits) is in X-Forwarded-For.
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=settings.trusted_proxies, x_proto=settings.trusted_proxies
        )
    # Outermost, so Socket.IO's own requests are checked too.
    app.wsgi_app = guards.HostCheck(app.wsgi_app, [*settings.allowed_hosts, guards.host_of(public_url)])
    logging.getLogger(__name__).debug("app ready on data folder %s", data_dir)
    return app, socketio


def _offload(async_mode: str) -> Callable[..., Any]:
    """Long pure computations go to eventlet's pool of real threads, never the hub's own."""
    if async_mode != "eventlet":
        return lambda fn, *args: fn(*args)
    from eventlet import tpool

    return tpool.execute


def _writes(async_mode: str) -> Writes:
    """On eventlet, a writer lets the others in before its COMMIT, so that a burst shares one
    fsync (docs/performance.md)."""
    if async_mode != "eventlet":
        return WRITES_INLINE
    import eventlet

    return Writes(pause=lambda: eventlet.sleep(0), commit=WRITES_INLINE.commit)


def _human_time(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).astimezone().strftime("%d %b %Y, %H:%M")
