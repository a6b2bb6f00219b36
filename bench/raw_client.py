"""Socket.IO at the frame level, for the flood scenario: websocket-client opens the Engine.IO
websocket and does the few request-and-answer steps, then frames are written as raw bytes as
fast as the socket takes them, while a thread keeps whatever the server sends back.

No client of ours sends like this; a script on the venue Wi-Fi can. Loopback only."""

from __future__ import annotations

import contextlib
import json
import select
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import websocket
from websocket import ABNF

KEEP_BYTES = 64 * 2**20  # what the reader keeps of the server's answers; past that it only counts
CHUNK = 64 * 1024


class Refused(Exception):
    """The server answered a Socket.IO connect or a call with an error."""

    def __init__(self, code: str, detail: Any = None) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


def websocket_url(base: str) -> str:
    """The Engine.IO websocket of a server at `base` (http://127.0.0.1:port)."""
    parts = urlsplit(base)
    return f"ws://{parts.netloc}/socket.io/?EIO=4&transport=websocket"


def tcp(base: str, source: str, timeout: float = 10) -> socket.socket:
    """A TCP connection to the server at `base` from the loopback address `source`: on venue
    Wi-Fi each phone has its own address, and limits per address must see them apart."""
    parts = urlsplit(base)
    return socket.create_connection(
        (parts.hostname or "127.0.0.1", parts.port or 80), timeout=timeout, source_address=(source, 0)
    )


def open_engineio(base: str, source: str = "127.0.0.1", timeout: float = 10) -> websocket.WebSocket:
    """The bare Engine.IO handshake: a websocket whose open packet (`0{...}`) has been read."""
    ws = websocket.create_connection(websocket_url(base), timeout=timeout, socket=tcp(base, source, timeout))
    opening = ws.recv()
    if not str(opening).startswith("0"):
        ws.close()
        raise Refused("no_open_packet", opening)
    return ws


def receive(ws: websocket.WebSocket, wanted: str, limit: int = 200) -> str:
    """The next text packet starting with `wanted`, answering pings; at most `limit` packets."""
    for _ in range(limit):
        packet = str(ws.recv())
        if packet == "2":
            ws.send("3")
        elif packet.startswith(wanted):
            return packet
        elif packet.startswith("44"):  # Socket.IO CONNECT_ERROR
            detail = json.loads(packet[2:] or "{}")
            raise Refused(str((detail.get("data") or {}).get("code", "connect_error")), detail)
    raise Refused("no_answer", wanted)


def connect_socketio(ws: websocket.WebSocket, auth: dict[str, Any]) -> dict[str, Any]:
    """Socket.IO CONNECT to the default namespace with `auth`; the server's CONNECT reply."""
    ws.send("40" + json.dumps(auth))
    return json.loads(receive(ws, "40")[2:] or "{}")


def call(ws: websocket.WebSocket, event: str, payload: Any, ack_id: int) -> Any:
    """Emit with an acknowledgement id and wait for that acknowledgement."""
    ws.send(f"42{ack_id}" + json.dumps([event, payload]))
    packet = receive(ws, f"43{ack_id}[")
    return json.loads(packet[len(f"43{ack_id}") :])[0]


def attendee(
    base: str, code: str, name: str, token: str | None = None, source: str = "127.0.0.1"
) -> tuple[websocket.WebSocket, str]:
    """A websocket connected as an attendee of `code`: joined as `name`, or resumed with
    `token`. Returns the socket and the person's token."""
    ws = open_engineio(base, source)
    try:
        connect_socketio(ws, {"code": code} if token is None else {"code": code, "token": token})
        if token is None:
            ack = call(ws, "join", {"name": name}, 1)
            if not ack.get("ok"):
                raise Refused(ack["error"]["code"], ack)
            token = ack["token"]
    except BaseException:
        ws.close()
        raise
    return ws, token


def encode(text: str) -> bytes:
    """One masked text frame, as a client must send it."""
    return ABNF.create_frame(text, ABNF.OPCODE_TEXT).format()


@dataclass
class Firehose:
    """One connection after its handshake: frames written as bytes, answers kept with the time
    they arrived. Every wait is bounded: sends and reads give up after a fifth of a second and
    look at the clock."""

    ws: websocket.WebSocket
    chunks: list[tuple[float, bytes]] = field(default_factory=list)
    received_bytes: int = 0
    closed_at: float | None = None  # the server closed (EOF) or reset the connection
    closed_how: str = ""
    sent_bytes: int = 0
    progress: list[tuple[float, int]] = field(default_factory=list)  # (time, bytes sent so far)
    send_error: str = ""
    send_error_at: float | None = None

    def __post_init__(self) -> None:
        self.sock: socket.socket = self.ws.sock
        self.sock.settimeout(0.2)
        self._stop = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([self.sock], [], [], 0.2)
                if not ready:
                    continue
                data = self.sock.recv(CHUNK)
            except TimeoutError:
                continue
            except OSError as exc:
                self.closed_at, self.closed_how = time.time(), f"reset ({type(exc).__name__})"
                return
            if not data:
                self.closed_at, self.closed_how = time.time(), "closed by the server"
                return
            self.received_bytes += len(data)
            if self.received_bytes <= KEEP_BYTES:
                self.chunks.append((time.time(), data))

    def blast(self, blob: bytes, seconds: float, max_bytes: int) -> tuple[float, float]:
        """Write `blob` (whole frames) over and over for `seconds`, as fast as the socket takes
        it, without reading; at most `max_bytes`. Returns when sending began and ended."""
        view = memoryview(blob)
        pos = 0
        start = time.time()
        end = start + seconds
        while self.sent_bytes < max_bytes and time.time() < end and not self.send_error:
            self.send(view[pos : pos + min(CHUNK, max_bytes - self.sent_bytes)])
            pos = self.sent_bytes % len(blob)
        return start, time.time()

    def send(self, data: bytes | memoryview) -> int:
        """Write what the socket takes now; 0 if it is full for a fifth of a second or broken."""
        try:
            n = self.sock.send(data)
        except TimeoutError:
            return 0
        except OSError as exc:
            self.send_error, self.send_error_at = type(exc).__name__, time.time()
            return 0
        self.sent_bytes += n
        self.progress.append((time.time(), self.sent_bytes))
        return n

    def sent_by(self, moment: float) -> int:
        """Bytes written before `moment`."""
        sent = 0
        for t, total in self.progress:
            if t > moment:
                break
            sent = total
        return sent

    def stop(self) -> None:
        """Stop reading and close; again is harmless."""
        if self._stop.is_set():
            return
        self._stop.set()
        self._reader.join(2)
        with contextlib.suppress(OSError, websocket.WebSocketException):
            self.ws.close(timeout=0.5)
        with contextlib.suppress(OSError):
            self.sock.close()

    def packets(self) -> list[tuple[float, int, bytes]]:
        """What the server sent, as (arrival time, websocket opcode, payload)."""
        data = bytearray()
        ends: list[tuple[int, float]] = []
        for t, chunk in self.chunks:
            data += chunk
            ends.append((len(data), t))
        out: list[tuple[float, int, bytes]] = []
        i = chunk_index = 0
        while i + 2 <= len(data):
            opcode, length, header = data[i] & 0x0F, data[i + 1] & 0x7F, 2
            if length == 126:
                if i + 4 > len(data):
                    break
                length, header = int.from_bytes(data[i + 2 : i + 4], "big"), 4
            elif length == 127:
                if i + 10 > len(data):
                    break
                length, header = int.from_bytes(data[i + 2 : i + 10], "big"), 10
            if i + header + length > len(data):
                break
            i += header + length
            while ends[chunk_index][0] < i:
                chunk_index += 1
            out.append((ends[chunk_index][1], opcode, bytes(data[i - length : i])))
        return out


def summarise(packets: list[tuple[float, int, bytes]], start: float) -> dict[str, Any]:
    """Acknowledgements counted by outcome, events by name, and how the server ended it: a
    websocket close, an Engine.IO close (`1`), a Socket.IO disconnect (`41`) or a `closing`
    event, each with its time in ms after `start`."""
    acks: dict[str, int] = {}
    events: dict[str, int] = {}
    said: list[dict[str, Any]] = []  # the first of each kind that is not a plain answer

    def note(kind: str, t: float, text: str) -> None:
        if len(said) < 8 and kind not in {s["kind"] for s in said}:
            said.append({"kind": kind, "ms": round((t - start) * 1000), "text": text[:300]})

    for t, opcode, payload in packets:
        if opcode == ABNF.OPCODE_CLOSE:
            status = int.from_bytes(payload[:2], "big") if len(payload) >= 2 else None
            note("websocket close", t, f"{status} {payload[2:].decode(errors='replace')}".strip())
            continue
        text = payload.decode(errors="replace")
        if text.startswith("43"):
            body = text[2:].lstrip("0123456789")
            try:
                answer = json.loads(body)[0]
                outcome = "ok" if answer.get("ok") else answer["error"]["code"]
            except (ValueError, LookupError, AttributeError, TypeError):
                outcome = "unreadable"
            acks[outcome] = acks.get(outcome, 0) + 1
        elif text.startswith("42"):
            try:
                name = str(json.loads(text[2:].lstrip("0123456789"))[0])
            except (ValueError, LookupError):
                name = "unreadable"
            events[name] = events.get(name, 0) + 1
            if name in {"closing", "error", "unreadable"}:
                note(f"event {name}", t, text)
        elif text in {"2", "3", "6"}:
            continue  # ping, pong, noop
        elif text.startswith("41"):
            note("socket.io disconnect", t, text)
        elif text.startswith("44"):
            note("socket.io connect error", t, text)
        elif text.startswith("1"):
            note("engine.io close", t, text)
        elif not text.startswith("40"):
            note("other", t, text)
    return {"acks": acks, "events": events, "said": said}
