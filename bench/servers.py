"""Start the server under test (ours or the baseline) as its own process, and watch it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
OWNER_KEY = "bench-owner-key"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """One server on loopback; samples its CPU time and resident memory while it runs."""

    def __init__(
        self,
        kind: str,
        data_dir: Path,
        groups: int,
        name: str | None = None,
        extra_env: dict[str, str | None] | None = None,
    ) -> None:
        self.kind = kind
        self.name = name or kind
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        if kind == "workshop":
            command = [sys.executable, "-m", "workshop", "--host", "127.0.0.1", "--port", str(self.port)]
            command += ["--data-dir", str(data_dir)]
        else:
            command = [sys.executable, "-m", "bench.baseline", "--port", str(self.port)]
            command += ["--data-dir", str(data_dir), "--groups", str(groups)]
        env = {**os.environ, "WORKSHOP_OWNER_KEY": OWNER_KEY, "WORKSHOP_PUBLIC_URL": self.url}
        # Every simulated phone joins from 127.0.0.1: lift the per-address join limit.
        env["WORKSHOP_JOIN_RATE"] = "1000000/minute"
        # The caller's own settings last; None removes one (the flood scenario keeps defaults).
        env = {k: v for k, v in {**env, **(extra_env or {})}.items() if v is not None}
        self.log_path = data_dir.parent / f"{self.name}.log"
        # Appending: the flood scenario may empty a log that grew by gigabytes, and the server
        # then writes at the new end instead of leaving a hole as large as what was removed.
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.ps = psutil.Process(self.process.pid)
        self.peak_rss = 0
        self._sampling = True
        try:
            self._wait_ready()
        except RuntimeError:
            self.stop()  # nothing we started is left running
            raise
        threading.Thread(target=self._sample, daemon=True).start()

    def _wait_ready(self, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} server exited early")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{self.name} server did not start")

    def _sample(self) -> None:
        while self._sampling:
            try:
                self.peak_rss = max(self.peak_rss, self.ps.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(0.2)

    def rss(self) -> int:
        return self.ps.memory_info().rss

    def cpu_seconds(self) -> float:
        return cpu_seconds([self.process.pid])

    def stop(self) -> None:
        self._sampling = False
        end(self.process)
        self.log.close()


class Fleet:
    """The server processes of one run, measured together: CPU time, resident memory and
    its peak are summed over the processes (the peaks of each, which may not coincide)."""

    def __init__(self, servers: list[ServerProcess]) -> None:
        self.servers = servers

    def cpu_seconds(self) -> float:
        return sum(s.cpu_seconds() for s in self.servers)

    def rss(self) -> int:
        return sum(s.rss() for s in self.servers)

    @property
    def peak_rss(self) -> int:
        return sum(s.peak_rss for s in self.servers)

    def stop(self) -> None:
        for server in self.servers:
            server.stop()


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time of these processes, summed (the load processes' too)."""
    total = 0.0
    for pid in pids:
        times = psutil.Process(pid).cpu_times()
        total += times.user + times.system
    return total


def end(process: subprocess.Popen) -> None:
    """Stop a process we started: SIGTERM, then SIGKILL if it does not go within 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
