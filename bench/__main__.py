"""`python -m bench`: a realistic workshop against the real server and the bare
baseline, with figures as ratios to the baseline. `--quick` runs tens of phones for seconds.

    python -m bench                  # 1,000 phones, both servers, several card rates
    python -m bench --phones 2000 --rates 100 --only workshop
    python -m bench --processes 1,2 --only workshop   # one server process, then two
    python -m bench --quick --json bench.json
    python -m bench --flood          # floods against our server while 30 phones post
    python -m bench --flood --quick --markdown floods.md
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from . import flood, nginx, phones, servers
from .report import P99_BUDGET_MS, comparison, fmt, label, table
from .shards import Shard, split
from .stats import percentiles, step_figures, worst_p99


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--phones", type=int, default=1000)
    parser.add_argument("--rates", default="100,300,500,700", help="card rates to try, cards/s")
    parser.add_argument("--seconds", type=float, default=8, help="length of each brainstorm step")
    parser.add_argument("--only", choices=("workshop", "baseline"), help="run one server only")
    parser.add_argument(
        "--processes",
        default="1",
        help="server processes, one workshop each, phones and rates shared evenly; "
        "a list (1,2) runs each count in turn and compares them",
    )
    parser.add_argument("--load-processes", type=int, default=0, help="0: one per 500 phones")
    parser.add_argument("--dots", type=int, default=3)
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--quick", action="store_true", help="tens of phones, seconds: a smoke run")
    parser.add_argument(
        "--via-nginx", action="store_true", help="phones connect through nginx (deploy/nginx)"
    )
    flood.add_arguments(parser)
    args = parser.parse_args(argv)
    if args.quick:
        args.phones, args.rates, args.seconds = min(args.phones, 40), "20,40", 2.0
    args.rate_list = [float(r) for r in args.rates.split(",") if r]
    try:
        args.process_list = [int(n) for n in args.processes.split(",") if n]
    except ValueError:
        parser.error("--processes takes whole numbers separated by commas, like 1,2")
    if not args.process_list or min(args.process_list) < 1 or max(args.process_list) > args.phones:
        parser.error("--processes: each count must be at least 1 and at most the number of phones")
    if args.via_nginx and max(args.process_list) > 1:
        parser.error(
            "--via-nginx runs one server process: with several, nginx on the same cores would take "
            "CPU from the servers it measures (the sharded routing is tested by tests/server/test_sharded.py)"
        )
    return args


def say(text: str) -> None:
    print(f"  {time.strftime('%H:%M:%S')}  {text}", flush=True)


async def ask_all(pipes: list, command: str, args: dict[str, Any]) -> list[Any]:
    loop = asyncio.get_running_loop()
    for pipe in pipes:
        pipe.send((command, args))
    return await asyncio.gather(*(loop.run_in_executor(None, pipe.recv) for pipe in pipes))


def start_servers(kind: str, processes: int, args: argparse.Namespace, base: Path) -> list[Shard]:
    """One server process per shard, each owning one workshop and an even share of the phones.
    Our processes share one data folder, as behind nginx; each baseline process has its own
    file, as each of our workshops has."""
    shards: list[Shard] = []
    try:
        for n, (first, count) in enumerate(split(args.phones, processes)):
            name = kind if processes == 1 else f"{kind}-{n + 1}"
            data_dir = base / ("data" if kind == "workshop" or processes == 1 else f"data-{n + 1}")
            data_dir.mkdir(parents=True, exist_ok=True)
            server = servers.ServerProcess(kind, data_dir, max(1, count // 10), name=name)
            shards.append(Shard(n, server, server.url, first, count))
    except BaseException:
        for shard in shards:
            shard.server.stop()
        raise
    return shards


def start_load(shards: list[Shard], args: argparse.Namespace, procs: list) -> list:
    """Load processes, one per 500 phones (at least one per shard), each driving phones of one
    workshop; every phone posts at an even share of the aggregate rate."""
    loads = args.load_processes or max(1, min(4, (args.phones + 499) // 500))
    per_shard = max(1, -(-loads // len(shards)))
    pipes = []
    for shard in shards:
        for offset, count in split(shard.phones, per_shard):
            parent, child = multiprocessing.Pipe()
            tag = f"L{len(pipes)}"
            first = shard.first_phone + offset
            proc = multiprocessing.Process(
                target=phones.run,
                args=(child, shard.url, shard.code, first, count, args.phones, tag, shard.index),
                daemon=True,
            )
            proc.start()
            procs.append(proc)
            pipes.append(parent)
    return pipes


async def run_target(kind: str, processes: int, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    name = kind if processes == 1 else f"{kind}-x{processes}"
    result: dict[str, Any] = {
        "server": kind,
        "processes": processes,
        "phones": args.phones,
        "via_nginx": args.via_nginx,
    }
    who = label(result)
    shards = start_servers(kind, processes, args, workdir / name)
    fleet = servers.Fleet([s.server for s in shards])
    procs: list[multiprocessing.Process] = []
    proxy = None
    try:
        if args.via_nginx:  # one process only (parse_args refuses more)
            proxy = nginx.Nginx(workdir / name / "nginx", [shards[0].server.port])
            shards[0].url = proxy.url
        for shard in shards:
            await shard.open()
        dashboards = [s.dashboard for s in shards]
        pipes = start_load(shards, args, procs)

        rss_before = fleet.rss()
        say(f"{who}: {args.phones} phones join at once ({len(pipes)} load processes)")
        load_pids = [proc.pid for proc in procs]
        # CPU time is steadier than wall time on shared cores: it says what the burst cost.
        cpu0, load0 = fleet.cpu_seconds(), servers.cpu_seconds(load_pids)
        joins = await ask_all(pipes, "join", {"concurrency": 500})
        join_cpu, join_load_cpu = fleet.cpu_seconds() - cpu0, servers.cpu_seconds(load_pids) - load0
        joined = sum(j["joined"] for j in joins)
        lasts = [j["last"] for j in joins if j["last"]]
        first = min(j["started"] for j in joins)
        burst = max(lasts) - first if lasts else None
        # When the phones got their state, from the first connect: is the burst's end a
        # straggler or the whole room?
        waits = sorted(t - first for j in joins for t in j["done"])
        # And when their connections were accepted: the handshakes, or the joins after them?
        connects = sorted(t - first for j in joins for t in j["connected"])
        result["join"] = {
            "joined": joined,
            "errors": sum(j["errors"] for j in joins),
            "burst_s": burst,
            "half_s": (percentiles(waits)["p50"] or 0) / 1000,
            "p95_s": (percentiles(waits)["p95"] or 0) / 1000,
            "connected_half_s": (percentiles(connects)["p50"] or 0) / 1000,
            "connected_all_s": connects[-1] if connects else None,
            "server_cpu_s": join_cpu,
            "load_cpu_s": join_load_cpu,
        }
        await asyncio.sleep(1)
        result["memory_per_phone_kb"] = (fleet.rss() - rss_before) / max(1, joined) / 1024
        say(
            f"{who}: {joined} joined in {burst:.2f} s (half by {result['join']['half_s']:.2f} s,"
            f" 95% by {result['join']['p95_s']:.2f} s; half connected by"
            f" {result['join']['connected_half_s']:.2f} s, all by"
            f" {result['join']['connected_all_s'] or 0:.2f} s; CPU: server {join_cpu:.2f} s,"
            f" load {join_load_cpu:.2f} s)"
            if burst
            else f"{who}: joins failed"
        )

        if kind == "workshop":
            await asyncio.gather(*(d.call("phase:set", {"index": 1}) for d in dashboards))  # brainstorm
        result["steps"] = []
        for rate in args.rate_list:
            say(f"{who}: brainstorm at {rate:g} cards/s for {args.seconds:g} s")
            for dashboard in dashboards:
                dashboard.cards.clear()
            load_pids = [proc.pid for proc in procs]
            cpu0, load0, t0 = fleet.cpu_seconds(), servers.cpu_seconds(load_pids), time.time()
            records = await ask_all(
                pipes, "brainstorm", {"rate": rate, "seconds": args.seconds, "step": f"r{rate:g}"}
            )
            elapsed = time.time() - t0
            cpu = (fleet.cpu_seconds() - cpu0) / elapsed * 100
            load_cpu = (servers.cpu_seconds(load_pids) - load0) / elapsed * 100
            await asyncio.gather(*(d.settle() for d in dashboards))
            all_phones = [p for r in records for p in r["phones"]]
            count_acked(shards, all_phones)
            arrived = [card for d in dashboards for card in d.cards]
            figures = step_figures(all_phones, arrived, args.seconds)
            figures.update({"target_rate": rate, "server_cpu_percent": cpu, "load_cpu_percent": load_cpu})
            result["steps"].append(figures)
            say(
                f"{who}: sent {figures['sent']} acked {figures['acked']} lost {figures['lost']} "
                f"p99 ack/dash/mates {fmt(figures['ack_ms']['p99'])}/{fmt(figures['dashboard_ms']['p99'])}/"
                f"{fmt(figures['groupmates_ms']['p99'])} ms, cpu {cpu:.0f}%"
            )
        good = [s["target_rate"] for s in result["steps"] if worst_p99(s) < P99_BUDGET_MS and s["lost"] == 0]
        result["best_rate_under_p99_budget"] = max(good) if good else None

        if kind == "workshop":
            result["votes"] = await vote_burst(who, shards, pipes, args)
        result["peak_rss_mb"] = fleet.peak_rss / 2**20
        result["shards"] = [s.record() for s in shards]
        await ask_all(pipes, "stop", {})
        await asyncio.gather(*(d.sio.disconnect() for d in dashboards))
    finally:
        for proc in procs:
            proc.join(5)
            if proc.is_alive():
                proc.terminate()
        if proxy:
            proxy.stop()
        fleet.stop()
    return result


def count_acked(shards: list[Shard], all_phones: list[dict[str, Any]]) -> None:
    """Cards each process acknowledged, from the phones connected to it."""
    for phone in all_phones:
        shards[phone["shard"]].cards_acked += sum(1 for _, _, t_ack, ok in phone["sent"] if ok and t_ack)


async def vote_burst(who: str, shards: list[Shard], pipes: list, args: argparse.Namespace) -> dict[str, Any]:
    """Every phone places its dots within 5 s; each workshop's revealed tallies must match the
    dots its phones had acknowledged."""
    await asyncio.gather(*(s.dashboard.call("phase:set", {"index": 3}) for s in shards))
    say(f"{who}: vote burst, {args.dots} dots per phone within 5 s")
    t0 = time.time()
    records = await ask_all(pipes, "vote", {"dots": args.dots, "within": 5.0})
    elapsed = time.time() - t0
    acked: Counter[tuple[int, int]] = Counter()  # (shard, card id): each workshop numbers its cards
    failed: Counter[str] = Counter()
    for record in records:
        for phone in record["phones"]:
            for card_id, ok, error in phone["votes"]:
                if ok:
                    acked[(phone["shard"], card_id)] += 1
                else:
                    failed[error] += 1
    await asyncio.gather(*(s.dashboard.call("votes:reveal", {}) for s in shards))
    tallies: dict[tuple[int, int], int] = {}
    for shard in shards:
        export = shard.export()
        shard.cards_stored = len(export["cards"])
        tallies.update({(shard.index, int(k)): v for k, v in export["votes"]["cards"].items()})
    return {
        "acked": sum(acked.values()),
        "refused": dict(failed),
        "seconds": elapsed,
        "tallies_exact": tallies == dict(acked),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.flood:
        return flood.main(args, say)
    targets = [args.only] if args.only else ["workshop", "baseline"]
    results = []
    with tempfile.TemporaryDirectory(prefix="workshop-bench-") as tmp:
        for kind in targets:
            for processes in args.process_list:
                results.append(asyncio.run(run_target(kind, processes, args, Path(tmp))))
    print(table(results))
    if args.json:
        figures = {
            "args": vars(args) | {"json": str(args.json)},
            "results": results,
            "comparison": comparison(results),
        }
        args.json.write_text(json.dumps(figures, indent=2))
    ok = all(s["lost"] == 0 and s["duplicated"] == 0 for r in results for s in r["steps"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
