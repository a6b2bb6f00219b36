"""Count each connection's frames where Engine.IO hands them over, and cut off a flooder.

One phone sending raw frames without waiting for answers stalled a whole room for seconds:
every frame was decoded, dispatched to a handler and answered (`rate_limited`), and a
malformed one logged a traceback. The gate sits in front of Socket.IO's own decoding: it
counts a connection's frames in a token bucket, and past the burst the connection is told
why and disconnected, so a flood costs a few hundred frames of work, not tens of thousands.
A frame Socket.IO cannot decode (or dispatch) also ends the connection: no client of ours
sends one, so its sender is not a phone worth keeping.

The allowance is far above what a page sends: the event rate limits (docs/security.md)
refuse a phone long before its frames reach the gate, and the outbox resends a few items
at a time."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .quiet_log import QuietLog

FLOODING = {
    "code": "flooding",
    "message": "This device sent too much too fast and was disconnected. It reconnects in a moment.",
}
MALFORMED = {"code": "malformed", "message": "This device sent a message the server cannot read."}
CLOSING_EVENT = "closing"  # sent just before the server disconnects a connection on purpose


@dataclass(frozen=True)
class FrameAllowance:
    burst: int = 100  # frames at once
    per_second: float = 40.0  # then this many a second


class FrameGate:
    """A token bucket of frames per connection; pure bookkeeping, no I/O."""

    def __init__(self, allowance: FrameAllowance, clock: Callable[[], float] = time.monotonic) -> None:
        self._allowance = allowance
        self._clock = clock
        self._buckets: dict[str, list[float]] = {}  # connection -> [tokens left, when counted]

    def admit(self, connection: str) -> bool:
        """Charge one frame to `connection`; False once it is past its allowance."""
        now = self._clock()
        bucket = self._buckets.get(connection)
        if bucket is None:
            bucket = self._buckets[connection] = [float(self._allowance.burst), now]
        tokens = min(self._allowance.burst, bucket[0] + (now - bucket[1]) * self._allowance.per_second)
        bucket[1] = now
        if tokens < 1:
            bucket[0] = tokens
            return False
        bucket[0] = tokens - 1
        return True

    def forget(self, connection: str) -> None:
        self._buckets.pop(connection, None)

    def __len__(self) -> int:
        return len(self._buckets)


def guard_frames(server: Any, gate: FrameGate, quiet: QuietLog) -> None:
    """Put `gate` in front of the Socket.IO `server`'s handling of Engine.IO messages.

    Uses Engine.IO's public handler registry (`handlers`, `on`): Socket.IO registers its
    message and disconnect handlers there, and the gate wraps them."""
    eio = server.eio
    handle_message = eio.handlers["message"]
    handle_disconnect = eio.handlers["disconnect"]

    def address(eio_sid: str) -> str:
        return (server.environ.get(eio_sid) or {}).get("REMOTE_ADDR") or "?"

    def cut(eio_sid: str, reason: dict[str, str]) -> None:
        sid = server.manager.sid_from_eio_sid(eio_sid, "/")
        if sid is not None:
            server.emit(CLOSING_EVENT, reason, to=sid, ignore_queue=True)
            server.disconnect(sid, ignore_queue=True)
        # What `eio.disconnect` does, without waiting for the client to take its last packets:
        # a long-polling flooder may never poll again, and the wait would hold this request.
        sock = eio.sockets.pop(eio_sid, None)
        if sock is not None:
            sock.close(wait=False)
        server.sleep(0)  # let the writer send the reason and close the socket now

    def on_message(eio_sid: str, data: Any) -> None:
        if eio_sid not in eio.sockets:
            # Cut already: what it had sent meanwhile is dropped unread. The reader reads on for
            # as long as the kernel holds more of its frames and would never yield on its own,
            # so it yields here: the connection's writer then closes the socket under it.
            server.sleep(0)
            return
        if not gate.admit(eio_sid):
            quiet.note(address(eio_sid), "flooding: disconnected")
            cut(eio_sid, FLOODING)
            return
        try:
            handle_message(eio_sid, data)
        except Exception:  # undecodable or undispatchable: a client of ours never sends it
            quiet.note(address(eio_sid), "malformed frame: disconnected")
            cut(eio_sid, MALFORMED)

    def on_disconnect(eio_sid: str, *reason: Any) -> Any:
        gate.forget(eio_sid)
        return handle_disconnect(eio_sid, *reason)

    eio.on("message", on_message)
    eio.on("disconnect", on_disconnect)
