"""`python -m bench --flood`: one attacker at a time against our server while a room
of phones keeps posting, and what each flood cost the room.

Steps: start the server with a log file; create a workshop; connect the victims (a process of
their own, a card every half second from each phone, every acknowledgement timed); then each
flood in turn, each from a process of its own, measured from "go" until every victim card sent
during it has its answer (the room has recovered). For each: the victims' ack p50/p99/max in
that window, the flooder's fate (cut off after how many frames and ms, and what it was told),
the server's RSS before, at its peak and after, and how much its log grew."""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import flooders, servers, victims
from .flood_report import markdown, table
from .shards import create_workshop

KEEP_LOG_BYTES = 64 * 2**20  # a log that grew past this is emptied after counting, to spare the disk
DEFAULT_HOLD_S = 75.0  # half-sent requests are watched this long when the timeout is not known


@dataclass(frozen=True)
class Flood:
    name: str
    kind: str
    what: str


FLOODS = (
    Flood("card", "card", "joined attendee, `card:add` frames"),
    Flood("vote", "vote", "joined attendee, `vote:cast` frames"),
    Flood("unjoined", "unjoined", "connected with the code, not joined, `card:add` frames"),
    Flood("extra_arg", "extra_arg", "joined attendee, `card:add` with an extra argument"),
    Flood("truncated", "truncated", 'no code, bare Engine.IO: truncated JSON `42["card:add",{`'),
    Flood("deep", "deep", "no code, bare Engine.IO: `42[` and 1,200 `[`"),
    Flood("bigint", "bigint", "no code, bare Engine.IO: a 5,000-digit integer"),
    Flood("one_token", "one_token", "one person's token on 10 connections, 30 cards/s on each, 3 s"),
    Flood("half_open", "half_open", "half-sent HTTP requests"),
    Flood("joins", "joins", "joins from one address, one after another"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("flood scenario (--flood)")
    group.add_argument("--flood", action="store_true", help="the flood scenario against our server only")
    group.add_argument("--victims", type=int, default=30, help="phones posting a card every 0.5 s")
    group.add_argument(
        "--floods", default=",".join(f.name for f in FLOODS), help="which floods, in order, by name"
    )
    group.add_argument("--flood-seconds", type=float, default=1.0, help="how long each flood sends")
    group.add_argument("--markdown", type=Path, help="write the flood table as markdown here")


def settings(args: argparse.Namespace) -> dict[str, Any]:
    """The scenario's sizes; `--quick` makes it small enough for the test suite."""
    names = [n for n in args.floods.split(",") if n]
    unknown = set(names) - {f.name for f in FLOODS}
    if unknown:
        raise SystemExit(f"unknown floods: {', '.join(sorted(unknown))}")
    timeout = os.environ.get("WORKSHOP_SOCKET_TIMEOUT")
    quick = args.quick
    if quick and timeout is None:
        timeout = "3"  # the quick server's own: half-sent requests are seen dropped in seconds
    return {
        "floods": [f for f in FLOODS if f.name in names],
        "victims": min(args.victims, 10) if quick else args.victims,
        "seconds": args.flood_seconds,
        "quick": quick,
        "socket_timeout": None if timeout is None else float(timeout),
        "half_open": 50 if quick else 200,
        "joins": 100 if quick else 500,
        "joins_cap_s": 60.0 if quick else 240.0,
        "call_timeout": 20.0 if quick else 60.0,
        "recovery_cap_s": 60.0 if quick else 180.0,  # the next flood starts then, recovered or not
        "quiet_s": 2.0 if quick else 5.0,
    }


class PeakRss:
    """The server's resident memory, sampled every 50 ms while a flood runs."""

    def __init__(self, server: servers.ServerProcess) -> None:
        self.server, self.peak = server, server.rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            try:
                self.peak = max(self.peak, self.server.rss())
            except Exception:  # the server went away: its exit is reported elsewhere
                return

    def stop(self) -> int:
        self._stop.set()
        self._thread.join(1)
        return self.peak


def log_growth(path: Path, offset: int) -> dict[str, Any]:
    """Bytes, lines and tracebacks written to the log since `offset`; a log grown past
    KEEP_LOG_BYTES is emptied afterwards (the server appends, so it carries on at 0)."""
    size = path.stat().st_size
    lines = tracebacks = 0
    with path.open("rb") as log:
        log.seek(offset)
        while chunk := log.read(4 * 2**20):
            lines += chunk.count(b"\n")
            tracebacks += chunk.count(b"Traceback")
    if size > KEEP_LOG_BYTES:
        os.truncate(path, 0)
    return {"bytes": size - offset, "lines": lines, "tracebacks": tracebacks}


def receive(pipe: Any, seconds: float) -> tuple[str, Any]:
    if not pipe.poll(seconds):
        return "silent", f"no word from the process within {seconds:.0f} s"
    return pipe.recv()


def recovered(victims_pipe: Any, server: servers.ServerProcess, flood_end: float) -> bool:
    """Every victim card sent before the flood ended has its answer, every victim is online
    again, and the server answers a health check within a second."""
    victims_pipe.send(("pending", flood_end))
    state = victims_pipe.recv()
    if state["pending"] or state["offline"]:
        return False
    try:
        with urllib.request.urlopen(server.url + "/healthz", timeout=1):
            return True
    except OSError:
        return False


def run_flood(
    flood: Flood,
    spec: flooders.Spec,
    server: servers.ServerProcess,
    victims_pipe: Any,
    conf: dict[str, Any],
    say: Any,
) -> dict[str, Any]:
    """One flood from a process of its own, measured until the room has recovered."""
    row: dict[str, Any] = {"flood": flood.name, "what": flood.what}
    parent, child = multiprocessing.Pipe()
    proc = multiprocessing.Process(target=flooders.run, args=(child, spec), daemon=True)
    proc.start()
    try:
        word, info = receive(parent, 60)
        if word != "ready":
            row["failed"] = f"{word}: {info}"
            return row
        rss0, log0 = server.rss(), server.log_path.stat().st_size
        peak = PeakRss(server)
        parent.send("go")
        word, window = receive(parent, spec.seconds + spec.hold_s + spec.joins_cap_s + 30)
        if word != "sent":
            peak.stop()
            row["failed"] = f"{word}: {window}"
            return row
        took = window["end"] - window["start"]
        say(f"{flood.name}: {window['frames']} sent in {took:.2f} s; waiting for the room")
        report: Any = None
        if flood.kind == "half_open":  # it reports once it has watched the held requests
            word, report = receive(parent, spec.hold_s + 30)
        # The room has recovered when every card sent before the flood ended has its answer.
        deadline = time.time() + conf["recovery_cap_s"]
        while not recovered(victims_pipe, server, window["end"]) and time.time() < deadline:
            time.sleep(0.2)
        back = time.time()
        parent.send("finish")
        if report is None:
            word, report = receive(parent, 60)
        row["peak_rss"] = peak.stop()
        time.sleep(1)  # what the server keeps after the flood, not what it is still freeing
        row.update(
            window={"start": window["start"], "end": window["end"], "recovered": back},
            sent=window["frames"],
            fate=report if word == "report" else {"failed": f"{word}: {report}"},
            rss_before=rss0,
            rss_after=server.rss(),
            log=log_growth(server.log_path, log0),
        )
        return row
    finally:
        proc.join(10)
        if proc.is_alive():
            proc.terminate()
            proc.join(5)


def scenario(args: argparse.Namespace, workdir: Path, say: Any) -> dict[str, Any]:
    conf = settings(args)
    env: dict[str, str | None] = {"WORKSHOP_JOIN_RATE": None}  # the server's own join limit applies
    if conf["socket_timeout"] is not None:
        env["WORKSHOP_SOCKET_TIMEOUT"] = f"{conf['socket_timeout']:g}"
    data_dir = workdir / "data"
    data_dir.mkdir(parents=True)
    server = servers.ServerProcess("workshop", data_dir, 1, name="flood", extra_env=env)
    procs: list[multiprocessing.Process] = []
    result: dict[str, Any] = {"settings": {k: v for k, v in conf.items() if k != "floods"}, "rows": []}
    try:
        groups = max(1, conf["victims"] // 10)
        code, key = create_workshop(server, groups, cards_per_person=1000)
        parent, child = multiprocessing.Pipe()
        cap_s = 60 + len(conf["floods"]) * (conf["recovery_cap_s"] + 60) + DEFAULT_HOLD_S + 120
        victims_proc = multiprocessing.Process(
            target=victims.run,
            args=(child, server.url, code, conf["victims"], 0.5, conf["call_timeout"], cap_s),
            daemon=True,
        )
        victims_proc.start()
        procs.append(victims_proc)
        word, ready = receive(parent, 120)
        if word != "ready":
            raise RuntimeError(f"the victims did not join: {word} {ready}")
        result["victims"] = ready
        say(f"{ready['joined']}/{ready['phones']} victims joined; quiet for {conf['quiet_s']:g} s")
        quiet_start = time.time()
        time.sleep(conf["quiet_s"])
        result["quiet"] = {"start": quiet_start, "end": time.time()}
        base = flooders.Spec(kind="", url=server.url, code=code, seconds=conf["seconds"])
        for n, flood in enumerate(conf["floods"]):
            spec = replace(base, kind=flood.kind, source=f"127.0.0.{2 + n}")
            if flood.kind == "one_token":
                spec = replace(spec, seconds=3.0)
            elif flood.kind == "half_open":
                timeout = conf["socket_timeout"]
                spec = replace(
                    spec,
                    half_open=conf["half_open"],
                    hold_s=DEFAULT_HOLD_S if timeout is None else timeout + 5,
                )
            elif flood.kind == "joins":
                spec = replace(spec, joins=conf["joins"], joins_cap_s=conf["joins_cap_s"])
            say(f"{flood.name}: {flood.what}")
            result["rows"].append(run_flood(flood, spec, server, parent, conf, say))
            time.sleep(conf["quiet_s"] / 2)
        parent.send(("stop", None))
        word, records = receive(parent, conf["call_timeout"] + 30)
        records = records if word == "records" else {"cards": [], "drops": []}
        add_victim_figures(result, records["cards"], records["drops"])
        stored = stored_client_ids(server, code, key)
        acked = {r[5] for r in records["cards"] if r[3]}
        result["victims"]["acked_not_stored"] = len(acked - stored)
        result["server_alive"] = server.process.poll() is None
    finally:
        for proc in procs:
            proc.join(10)
            if proc.is_alive():
                proc.terminate()
                proc.join(5)
        server.stop()
    return result


def stored_client_ids(server: servers.ServerProcess, code: str, key: str) -> set[str]:
    """The client ids of every card in the workshop's export."""
    request = urllib.request.Request(
        f"{server.url}/w/{code}/export.json", headers={"Authorization": f"Bearer {key}"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return {c.get("client_id") for c in json.load(response)["cards"]}


def add_victim_figures(result: dict[str, Any], records: list[tuple], drops: list[tuple]) -> None:
    """Each window's figures from the victims' records."""

    def during(start: float, end: float) -> dict[str, Any]:
        return victims.figures(victims.window(records, start, end), victims.window(drops, start, end))

    result["quiet"]["victims"] = during(result["quiet"]["start"], result["quiet"]["end"])
    for row in result["rows"]:
        if "window" in row:
            w = row["window"]
            row["victims"] = during(w["start"], max(w["end"], w["recovered"]))
    result["victims"]["total"] = victims.figures(records, drops)


def main(args: argparse.Namespace, say: Any) -> int:
    with tempfile.TemporaryDirectory(prefix="workshop-flood-") as tmp:
        result = scenario(args, Path(tmp), say)
    print(table(result))
    md = markdown(result)
    print()
    print(md)
    if args.markdown:
        args.markdown.write_text(md + "\n")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str))
    return 0 if result.get("server_alive") else 1
