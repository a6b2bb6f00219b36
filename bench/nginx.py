"""Run Debian's nginx on loopback in front of workshop servers, with the repository's own
configuration (deploy/nginx/), for the benchmark's --via-nginx and for the tests."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from .servers import ROOT, end, free_port

CONF_DIR = ROOT / "deploy" / "nginx"
MAIN = """worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 8192; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/site.conf;
}}
"""


def available() -> bool:
    return shutil.which("nginx") is not None or Path("/usr/sbin/nginx").exists()


class Nginx:
    """nginx with `deploy/nginx/<conf>`, its upstream ports and listen port replaced."""

    def __init__(self, prefix: Path, upstream_ports: list[int], conf: str = "workshop.conf") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        prefix.mkdir(parents=True, exist_ok=True)
        site = (CONF_DIR / conf).read_text()
        site = site.replace("listen 8080;", f"listen 127.0.0.1:{self.port};")
        servers = iter(upstream_ports)
        site = re.sub(r"server 127\.0\.0\.1:\d+;", lambda _: f"server 127.0.0.1:{next(servers)};", site)
        (prefix / "site.conf").write_text(site)
        (prefix / "nginx.conf").write_text(MAIN.format(prefix=prefix))
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        self.log = open(prefix / "stdout.log", "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [binary, "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready(prefix)

    def _wait_ready(self, prefix: Path, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.flush()
                raise RuntimeError("nginx exited: " + (prefix / "stdout.log").read_text(errors="replace"))
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("nginx did not answer")

    def stop(self) -> None:
        end(self.process)
        self.log.close()
