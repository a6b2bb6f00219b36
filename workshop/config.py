"""Settings: defaults in code, overridden by environment variables or command-line flags."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import assets

SYNC_MODES = ("FULL", "NORMAL")


def default_data_dir(env: Mapping[str, str] | None = None) -> Path:
    """The folder of saved workshops when none is given: a checkout's own `sessions/`; for
    an installed `workshop` command, a folder of the user's, the same wherever it is started:
    `$XDG_DATA_HOME/workshop/sessions`, by default `~/.local/share/workshop/sessions`."""
    if not assets.INSTALLED:
        return assets.HOME / "sessions"
    env = os.environ if env is None else env
    base = Path(env.get("XDG_DATA_HOME") or "")
    if not base.is_absolute():  # unset, empty or relative: the XDG spec says to ignore it
        base = Path.home() / ".local" / "share"
    return base / "workshop" / "sessions"


@dataclass(frozen=True)
class Settings:
    host: str = "0.0.0.0"  # all interfaces: phones reach the laptop over the LAN
    port: int = 5000
    data_dir: Path = field(default_factory=default_data_dir)
    owner_key: str | None = None  # None: made once and kept in the data folder
    public_url: str | None = None  # None: http://<LAN address>:<port>
    synchronous: str = "FULL"  # SQLite's fsync policy; see docs/reliability.md
    async_mode: str = "eventlet"  # tests in one process use "threading"
    allowed_hosts: tuple[str, ...] = ()  # host names served besides IPs, localhost, the public URL's
    allowed_origins: tuple[str, ...] = ()  # extra page origins, e.g. behind a proxy
    event_rates: tuple[str, ...] = ("20/second", "240/minute")  # per attendee connection
    steward_rates: tuple[str, ...] = ("50/second", "1200/minute")  # per facilitator or screen
    lookup_rates: tuple[str, ...] = ("10/minute",)  # failed join-code lookups per address
    # New people per client address (WORKSHOP_JOIN_RATE, ";" between rates): a room joins
    # from one address per phone; one address filling a workshop is refused (docs/security.md).
    join_rates: tuple[str, ...] = ("30/minute",)
    trusted_proxies: int = 0  # proxies in front whose X-Forwarded-For names the client
    frame_burst: int = 100  # Socket.IO frames a connection may send at once (docs/security.md)
    frame_rate: float = 40.0  # ...and then each second; past that it is disconnected
    # Seconds a read from a client may wait: a half-sent request is dropped after this. Longer
    # than the heartbeat (a ping every 25-30 s), so an idle websocket is never cut.
    socket_timeout: float = 45.0
    # redis://host:port/db when several processes serve one data folder: what must reach
    # every process (the owner's live list, notices) goes through it (docs/deployment.md).
    message_queue: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from WORKSHOP_* variables, defaults for the rest."""
        env = os.environ if env is None else env
        sync = env.get("WORKSHOP_SYNC", cls.synchronous).upper()
        if sync not in SYNC_MODES:
            raise ValueError(f"WORKSHOP_SYNC must be one of {', '.join(SYNC_MODES)}")
        return cls(
            host=env.get("WORKSHOP_HOST", cls.host),
            port=int(env.get("WORKSHOP_PORT", cls.port)),
            data_dir=Path(env.get("WORKSHOP_DATA_DIR") or default_data_dir(env)),
            owner_key=env.get("WORKSHOP_OWNER_KEY") or None,
            public_url=(env.get("WORKSHOP_PUBLIC_URL") or "").rstrip("/") or None,
            synchronous=sync,
            allowed_hosts=_words(env.get("WORKSHOP_ALLOWED_HOSTS", "")),
            allowed_origins=_words(env.get("WORKSHOP_ALLOWED_ORIGINS", "")),
            trusted_proxies=int(env.get("WORKSHOP_TRUSTED_PROXIES", "0")),
            join_rates=_rates(env.get("WORKSHOP_JOIN_RATE", "")) or cls.join_rates,
            socket_timeout=float(env.get("WORKSHOP_SOCKET_TIMEOUT", cls.socket_timeout)),
            message_queue=env.get("WORKSHOP_MESSAGE_QUEUE") or None,
        )


def _rates(text: str) -> tuple[str, ...]:
    """Moving-window rates such as "30/minute;300/hour", separated by semicolons."""
    return tuple(r.strip() for r in text.split(";") if r.strip())


def _words(text: str) -> tuple[str, ...]:
    """A comma- or space-separated list."""
    return tuple(w for w in text.replace(",", " ").split() if w)
