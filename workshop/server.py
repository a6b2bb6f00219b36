"""The server of `workshop` (and `python -m workshop`): serve workshops on this laptop's network.

Loading this module patches the standard library with eventlet: `__main__.py` loads it only
to serve, never for `workshop series`."""

# eventlet must patch the standard library before anything else imports it.
import warnings  # isort: skip

# eventlet warns on import that it is in bugfix mode; the stack was chosen knowingly.
warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
import eventlet  # noqa: E402  # isort: skip

eventlet.monkey_patch()

import argparse  # noqa: E402
import logging  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from dataclasses import replace  # noqa: E402
from pathlib import Path  # noqa: E402

from .config import Settings  # noqa: E402
from .runtime.listening import serve  # noqa: E402
from .web import qr, retention_task  # noqa: E402
from .wiring import build, start_runtime_tasks  # noqa: E402

MAX_CONNECTIONS = 10_000


def parse_args(argv: list[str], defaults: Settings, prog: str = "workshop") -> Settings:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Serve workshops on this laptop's network.",
        epilog=f"Compare saved workshops, without a server: {prog} series A.db B.db",
    )
    parser.add_argument("--host", default=defaults.host, help="interface to listen on (WORKSHOP_HOST)")
    parser.add_argument("--port", type=int, default=defaults.port, help="port (WORKSHOP_PORT)")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=defaults.data_dir,
        help=f"folder of saved workshops (WORKSHOP_DATA_DIR; here {defaults.data_dir})",
    )
    args = parser.parse_args(argv)
    return replace(defaults, host=args.host, port=args.port, data_dir=args.data_dir)


def banner(join_base: str, owner_url: str, data_dir: Path) -> str:
    return "\n".join(
        [
            "",
            "  workshop is running.",
            "",
            f"  Phones on this network open:  {join_base}",
            "",
            qr.terminal(join_base),
            "  You, the facilitator, open (keep this link to yourself):",
            f"    {owner_url}",
            "",
            f"  Workshops are saved in {data_dir.resolve()}",
            "",
        ]
    )


def allow_many_connections() -> int:
    """Raise this process's open-file limit to the hard limit: each phone is a socket."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        target = MAX_CONNECTIONS * 2 if hard == resource.RLIM_INFINITY else hard
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        return target
    return soft


def main(argv: list[str] | None = None, prog: str = "workshop") -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = parse_args(sys.argv[1:] if argv is None else argv, Settings.from_env(), prog)
    app, socketio = build(settings)
    context = app.extensions["workshop"]
    base = context.public_url
    files = allow_many_connections()
    print(banner(base + "/", f"{base}/?key={context.owner_key}", settings.data_dir), flush=True)
    # eventlet's server takes 1,024 connections at once unless told otherwise: a room of
    # more phones than that would wait at the door.
    connections = min(MAX_CONNECTIONS, max(64, files - 64))
    start_runtime_tasks(app, socketio)  # GC pacing, spread heartbeats
    socketio.start_background_task(app.extensions["workshop.feed"].run, socketio, socketio.sleep)
    sockets = app.extensions["workshop.connections"]  # vote progress, once per burst
    socketio.start_background_task(sockets.progress.run, socketio, context, sockets.members, socketio.sleep)
    retention_task.start(app, socketio)  # at start-up, then daily
    serve(app, settings.host, settings.port, max_size=connections, socket_timeout=settings.socket_timeout)
