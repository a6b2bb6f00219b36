"""Start `python -m workshop` as a real process on a free loopback port, and stop it."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
OWNER_KEY = "owner-key-for-live-tests"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


class LiveServer:
    """One server process on its own data folder; `restart()` keeps the folder."""

    def __init__(
        self,
        data_dir: Path,
        *,
        port: int | None = None,
        env: dict[str, str] | None = None,
        log_dir: Path | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.extra_env = env or {}
        self.process: subprocess.Popen | None = None
        self.log_path = (log_dir or data_dir.parent) / f"server-{self.port}.log"

    def start(self, timeout: float = 15.0) -> LiveServer:
        env = {
            **os.environ,
            "WORKSHOP_OWNER_KEY": OWNER_KEY,
            "WORKSHOP_PUBLIC_URL": self.url,
            "PYTHONUNBUFFERED": "1",
            # Tests join many phones from 127.0.0.1; the per-address default is tested in-process.
            "WORKSHOP_JOIN_RATE": "100000/minute",
            **self.extra_env,
        }
        self._log_file = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "workshop",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--data-dir",
                str(self.data_dir),
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"server exited early:\n{self.log()}")
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(self.url + "/healthz", timeout=1).ok:
                    return self
            time.sleep(0.1)
        self.stop()  # never leave a half-started server behind
        raise RuntimeError(f"server did not answer within {timeout}s:\n{self.log()}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10.0) -> None:
        """Stop our own process by its PID, and make sure the port is free again."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        self.process = None
        self._log_file.close()
        deadline = time.monotonic() + timeout
        while not port_is_free(self.port) and time.monotonic() < deadline:
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL: the crash case, no chance to clean up."""
        self.stop(signal.SIGKILL)

    def restart(self) -> LiveServer:
        self.stop()
        return self.start()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def create_workshop(self, **body: Any) -> dict[str, Any]:
        response = requests.post(
            self.url + "/api/workshops",
            json=body,
            headers={"Authorization": f"Bearer {OWNER_KEY}"},
            timeout=5,
        )
        response.raise_for_status()
        return response.json()
