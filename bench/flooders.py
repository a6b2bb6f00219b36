"""The attackers of the flood scenario, each run in a process of its own so that its sending
loop competes with the server for the cores, not with the victims' clients for the GIL.

A flooder talks to the coordinator through a pipe: `("ready", info)` once it is connected,
then it waits for `"go"`, floods, sends `("sent", window)`, keeps its connections open (the
server may still be working through what it received) until `"finish"`, and answers
`("report", figures)`. Every wait has a bound, so the process always ends by itself."""

from __future__ import annotations

import contextlib
import json
import select
import socket
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from . import raw_client
from .raw_client import Firehose, Refused

GO_WAIT_S = 60  # the coordinator is gone if it says nothing for this long
FINISH_WAIT_S = 180
MAX_FRAMES = 500_000  # per flood, whatever the machine's speed
FRAMES_PER_BLOB = 1000
CARD = {"kind": "challenge", "text": "Flood", "client_id": ""}


@dataclass(frozen=True)
class Spec:
    """What one flooder does, against which workshop, for how long."""

    kind: str
    url: str
    code: str
    source: str = "127.0.0.1"  # the loopback address it connects from
    seconds: float = 1.0
    connections: int = 10  # one_token: connections sharing one person's token
    per_connection_rate: float = 30.0  # one_token: frames a second on each of them
    half_open: int = 200
    hold_s: float = 75.0  # half_open: how long to watch the held requests at most
    joins: int = 500
    joins_cap_s: float = 60.0


def card_frames(event: str = "card:add", extra: str = "", tag: str = "f") -> list[str]:
    """Frames with ids and client ids of the same width, so every frame has the same length
    and frames sent = bytes sent / frame length."""
    frames = []
    for n in range(100_000, 100_000 + FRAMES_PER_BLOB):
        if event == "vote:cast":
            payload = {"card_id": 1, "client_id": f"{tag}v-{n}"}
        else:
            payload = {**CARD, "client_id": f"{tag}c-{n}"}
        frames.append(f"42{n}" + json.dumps([event, payload])[:-1] + extra + "]")
    return frames


MALFORMED = {
    "truncated": '42["card:add",{',
    "deep": "42[" + "[" * 1200,
    "bigint": '42["card:add",' + "1" * 5000 + "]",
}


def frames_for(kind: str) -> list[str]:
    if kind in MALFORMED:
        return [MALFORMED[kind]] * max(16, min(FRAMES_PER_BLOB, 256 * 1024 // len(MALFORMED[kind])))
    if kind == "vote":
        return card_frames("vote:cast")
    if kind == "extra_arg":
        return card_frames(extra=",1")
    return card_frames()  # card, unjoined


def connect(spec: Spec) -> Any:
    """The flooder's connection as each kind has it: a joined attendee, a connection that has
    not joined, or a bare Engine.IO handshake with no Socket.IO connect (no code at all)."""
    if spec.kind in ("card", "vote", "extra_arg"):
        return raw_client.attendee(spec.url, spec.code, f"Flooder {spec.kind}", source=spec.source)[0]
    ws = raw_client.open_engineio(spec.url, spec.source)
    if spec.kind == "unjoined":
        raw_client.connect_socketio(ws, {"code": spec.code})
    return ws


def wait_for(pipe: Connection, word: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        if pipe.poll(min(left, 1.0)) and pipe.recv() == word:
            return True
    return False


def fate(hose: Firehose, start: float, frame_len: int) -> dict[str, Any]:
    """How the server treated one flooding connection."""
    summary = raw_client.summarise(hose.packets(), start)
    ends = [s["ms"] for s in summary["said"] if s["kind"] != "other"]
    if hose.closed_at is not None:
        ends.append(round((hose.closed_at - start) * 1000))
    if hose.send_error_at is not None:
        ends.append(round((hose.send_error_at - start) * 1000))
    cut_ms = min(ends) if ends else None
    told = [s["ms"] for s in summary["said"] if s["kind"] != "other"]
    return {
        "frames_sent": hose.sent_bytes // frame_len,
        "frames_by_cut": None if cut_ms is None else hose.sent_by(start + cut_ms / 1000) // frame_len,
        "cut_ms": cut_ms,  # the first sign of the end: told, closed, or a failed send
        "told_ms": min(told) if told else None,
        "closed_ms": None if hose.closed_at is None else round((hose.closed_at - start) * 1000),
        "closed": hose.closed_how or ("send failed: " + hose.send_error if hose.send_error else ""),
        "send_failed_ms": None if hose.send_error_at is None else round((hose.send_error_at - start) * 1000),
        "received_bytes": hose.received_bytes,
        **summary,
    }


def flood(pipe: Connection, spec: Spec) -> None:
    """One connection sends one kind of frame as fast as it can for `spec.seconds`."""
    frames = frames_for(spec.kind)
    blob = b"".join(raw_client.encode(f) for f in frames)
    frame_len = len(blob) // len(frames)
    hose = Firehose(connect(spec))
    try:
        pipe.send(("ready", {"frame_bytes": frame_len}))
        if not wait_for(pipe, "go", GO_WAIT_S):
            return
        start, end = hose.blast(blob, spec.seconds, MAX_FRAMES * frame_len)
        pipe.send(("sent", {"start": start, "end": end, "frames": hose.sent_bytes // frame_len}))
        wait_for(pipe, "finish", FINISH_WAIT_S)
        hose.stop()
        pipe.send(("report", fate(hose, start, frame_len)))
    finally:
        hose.stop()


def one_token(pipe: Connection, spec: Spec) -> None:
    """One person on `spec.connections` connections, each posting cards at a steady rate
    above the per-connection limit and below a frame gate's: it measures whose allowance a
    card is charged to, not how fast a flood is cut off."""
    first, token = raw_client.attendee(spec.url, spec.code, "Many tabs", source=spec.source)
    sockets = [first]
    try:
        for _ in range(spec.connections - 1):
            sockets.append(raw_client.attendee(spec.url, spec.code, "", token, spec.source)[0])
    except BaseException:
        for ws in sockets:
            ws.close()
        raise
    hoses = [Firehose(ws) for ws in sockets]
    # Each connection its own client ids: the same id from the same person is a resend.
    frames = [[raw_client.encode(f) for f in card_frames(tag=f"t{i}")] for i in range(len(hoses))]
    try:
        pipe.send(("ready", {"connections": len(hoses)}))
        if not wait_for(pipe, "go", GO_WAIT_S):
            return
        start = time.time()
        tick, n = 1 / spec.per_connection_rate, 0
        while (now := time.time()) < start + spec.seconds and n < FRAMES_PER_BLOB:
            for hose, own in zip(hoses, frames, strict=True):
                hose.send(own[n])
            n += 1
            time.sleep(max(0.0, start + n * tick - time.time()))
        pipe.send(("sent", {"start": start, "end": now, "frames": n * len(hoses)}))
        wait_for(pipe, "finish", FINISH_WAIT_S)
        for hose in hoses:
            hose.stop()
        fates = [fate(hose, start, len(frames[0][0])) for hose in hoses]
        acks: dict[str, int] = {}
        for f in fates:
            for outcome, count in f["acks"].items():
                acks[outcome] = acks.get(outcome, 0) + count
        pipe.send(
            (
                "report",
                {
                    "frames_sent": sum(f["frames_sent"] for f in fates),
                    "connections": len(hoses),
                    "accepted": acks.get("ok", 0),
                    "accepted_per_connection": [f["acks"].get("ok", 0) for f in fates],
                    "acks": acks,
                    "cut": sum(1 for f in fates if f["cut_ms"] is not None),
                    "said": next((f["said"] for f in fates if f["said"]), []),
                },
            )
        )
    finally:
        for hose in hoses:
            hose.stop()


def half_open(pipe: Connection, spec: Spec) -> None:
    """Requests sent by halves: TCP open, the request line and one header, then nothing."""
    held: list[socket.socket] = []
    refused = 0
    try:
        pipe.send(("ready", {}))
        if not wait_for(pipe, "go", GO_WAIT_S):
            return
        start = time.time()
        for _ in range(spec.half_open):
            try:
                s = raw_client.tcp(spec.url, spec.source, timeout=5)
                s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                held.append(s)
            except OSError:
                refused += 1
        opened = time.time()
        pipe.send(("sent", {"start": start, "end": opened, "frames": len(held)}))
        still = held
        watch: list[tuple[float, int]] = []
        while still and time.time() < opened + spec.hold_s:
            time.sleep(1)
            still = [s for s in still if is_open(s)]
            watch.append((round(time.time() - opened, 1), len(still)))
        pipe.send(
            (
                "report",
                {
                    "opened": len(held),
                    "refused": refused,
                    "still_open": len(still),
                    "watched_s": round(time.time() - opened, 1),
                    "all_closed_after_s": None if still else watch[-1][0] if watch else 0.0,
                    "open_over_time": watch[:: max(1, len(watch) // 10)],
                },
            )
        )
        wait_for(pipe, "finish", FINISH_WAIT_S)
    finally:
        for s in held:
            with contextlib.suppress(OSError):
                s.close()


def is_open(s: socket.socket) -> bool:
    """Still held by the server: nothing to read yet, and no end of stream."""
    try:
        ready, _, _ = select.select([s], [], [], 0)
        return not ready  # readable: the end of the stream, or an answer (400, 408) before it
    except OSError:
        return False


def joins(pipe: Connection, spec: Spec) -> None:
    """Many people join from one address, one after another, each on a new connection."""
    pipe.send(("ready", {}))
    if not wait_for(pipe, "go", GO_WAIT_S):
        return
    outcomes: dict[str, int] = {}
    start = time.time()
    for n in range(spec.joins):
        if time.time() > start + spec.joins_cap_s:
            outcomes["not tried (time cap)"] = spec.joins - n
            break
        try:
            ws, _ = raw_client.attendee(spec.url, spec.code, f"Bot {n}", source=spec.source)
            ws.close()
            outcome = "ok"
        except Refused as exc:
            outcome = exc.code
        except OSError as exc:
            outcome = type(exc).__name__
        except Exception as exc:  # a closed websocket, an unreadable answer
            outcome = type(exc).__name__
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    end = time.time()
    pipe.send(("sent", {"start": start, "end": end, "frames": spec.joins}))
    wait_for(pipe, "finish", FINISH_WAIT_S)
    pipe.send(
        (
            "report",
            {"accepted": outcomes.get("ok", 0), "outcomes": outcomes, "seconds": round(end - start, 2)},
        )
    )


def run(pipe: Connection, spec: Spec) -> None:
    """Entry point of a flooder process."""
    try:
        {"one_token": one_token, "half_open": half_open, "joins": joins}.get(spec.kind, flood)(pipe, spec)
    except Exception as exc:  # the coordinator reports it as this flood's outcome
        with contextlib.suppress(OSError):
            pipe.send(("failed", f"{type(exc).__name__}: {exc}"))
    finally:
        pipe.close()
