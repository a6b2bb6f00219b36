"""The wheel and the sdist as `python -m build` makes them: every file the app runs from and no
benchmark. Then the wheel installed into a fresh virtualenv outside the checkout (its
dependencies from the package registry, as a newcomer's would come), where the `workshop`
command serves a join and a card, in French too, from a folder of its own, and writes nothing
where it is installed."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import threading
import time
import zipfile
from pathlib import Path

import pytest
import requests
import socketio

from tests.live_server import free_port

ROOT = Path(__file__).resolve().parents[2]
OWNER_KEY = "owner-key-for-the-installed-command"
# Building needs setuptools and Babel in an isolated environment, installing needs the
# dependencies: both come from the registry (or pip's cache), so leave room for a slow one.
pytestmark = [pytest.mark.packaging, pytest.mark.timeout(400)]


def run(*command: str | Path, timeout: float = 240, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=timeout, **kwargs
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return done


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The sdist, and the wheel built from it, in a folder of their own."""
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", out, ROOT)
    return out


def wheel_of(dist: Path) -> Path:
    (wheel,) = dist.glob("workshop-*.whl")
    return wheel


def files_the_app_runs_from() -> set[str]:
    """The checkout's files the app needs, by the names they have inside the wheel."""
    names = {
        f"workshop/{path.relative_to(ROOT / 'workshop')}"
        for path in (ROOT / "workshop").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    for folder in ("templates", "static"):
        names |= {
            f"workshop/{path.relative_to(ROOT)}"
            for path in (ROOT / folder).rglob("*")
            if path.is_file() and not path.name.startswith(".")
        }
    for po in (ROOT / "translations").glob("*/LC_MESSAGES/*.po"):
        relative = po.relative_to(ROOT)
        names |= {f"workshop/{relative}", f"workshop/{relative.with_suffix('.mo')}"}
    return names


def test_the_wheel_holds_every_file_the_app_runs_from_and_no_benchmark(dist):
    names = set(zipfile.ZipFile(wheel_of(dist)).namelist())
    assert sorted(files_the_app_runs_from() - names) == []
    assert {name.split("/")[0] for name in names} == {
        "workshop",
        f"{wheel_of(dist).name.split('-py3')[0]}.dist-info",
    }
    assert [name for name in names if "bench" in name.split("/")] == []


def test_the_sdist_holds_what_builds_the_wheel_and_the_service_files(dist):
    (sdist,) = dist.glob("workshop-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in ("pyproject.toml", "setup.py", "README.md", "requirements.txt", "requirements-dev.txt"):
        assert needed in names
    deploy = {str(path.relative_to(ROOT)) for path in (ROOT / "deploy").rglob("*") if path.is_file()}
    assert deploy and deploy <= names
    assert [name for name in names if name.split("/")[0] in ("bench", "tests")] == []


class Phone:
    """A python-socketio client that keeps what it hears."""

    def __init__(self, url: str, auth: dict) -> None:
        self.heard: list[tuple[str, object]] = []
        self.changed = threading.Condition()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("*", self._hear)
        self.sio.connect(url, auth=auth, transports=["websocket"], wait_timeout=10)

    def _hear(self, event: str, data: object = None) -> None:
        with self.changed:
            self.heard.append((event, data))
            self.changed.notify_all()

    def wait_for(self, event: str, timeout: float = 10) -> object:
        with self.changed:
            assert self.changed.wait_for(lambda: any(e == event for e, _ in self.heard), timeout), (
                f"no {event}; heard {[e for e, _ in self.heard]}"
            )
            return next(data for e, data in self.heard if e == event)


def installed_files(venv: Path) -> set[Path]:
    (package,) = venv.glob("lib/python3*/site-packages/workshop")
    return {path for path in package.rglob("*") if "__pycache__" not in path.parts}


def start(command: list[str | Path], cwd: Path, env: dict[str, str], url: str, log: Path):
    with log.open("wb") as out:
        server = subprocess.Popen([str(part) for part in command], cwd=cwd, env=env, stdout=out, stderr=out)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if requests.get(url + "/healthz", timeout=1).ok:
                return server
        except requests.ConnectionError:
            time.sleep(0.1)
    stop(server)
    pytest.fail(f"the installed command did not answer:\n{log.read_text(errors='replace')}")


def stop(server: subprocess.Popen) -> None:
    """Our own process, by its PID."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)


def test_the_installed_command_serves_a_join_and_a_card_from_any_folder(dist, tmp_path):
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    run(venv / "bin" / "python", "-m", "pip", "install", "-q", wheel_of(dist), timeout=300)
    before = installed_files(venv)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WORKSHOP_", "PYTHON", "XDG_"))}
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),  # the default data folder of an installed command
        WORKSHOP_HOST="127.0.0.1",  # a setting from the environment, the port from a flag
        WORKSHOP_OWNER_KEY=OWNER_KEY,
        WORKSHOP_PUBLIC_URL=url,
    )
    server = start([venv / "bin" / "workshop", "--port", port], elsewhere, env, url, tmp_path / "server.log")
    phones: list[Phone] = []
    try:
        made = requests.post(
            url + "/api/workshops",
            json={"title": "Installed", "question": "What blocks you?", "groups": ["North"]},
            headers={"Authorization": f"Bearer {OWNER_KEY}"},
            timeout=10,
        )
        assert made.status_code == 201, made.text
        code, key = made.json()["code"], made.json()["facilitator_key"]
        facilitator = Phone(url, {"code": code, "key": key})
        phones.append(facilitator)
        (group,) = (g["id"] for g in facilitator.wait_for("state")["groups"])
        ana = Phone(url, {"code": code})
        phones.append(ana)
        ana.wait_for("state")
        assert ana.sio.call("join", {"name": "Ana", "group": group}, timeout=10)["ok"] is True
        card = {"kind": "challenge", "text": "Legacy IT", "client_id": "ana-1"}
        assert ana.sio.call("card:add", card, timeout=10)["ok"] is True
        assert facilitator.wait_for("card:added")["card"]["text"] == "Legacy IT"

        page = requests.get(f"{url}/j/{code}", headers={"Accept-Language": "fr"}, timeout=10)
        assert 'lang="fr"' in page.text and "Rejoindre" in page.text  # the compiled catalogue
        assert requests.get(f"{url}/static/vendor/socket.io.esm.min.js", timeout=10).ok
    finally:
        for phone in phones:
            phone.sio.disconnect()
        stop(server)

    assert (tmp_path / "data" / "workshop" / "sessions" / f"{code}.db").is_file()
    assert list(elsewhere.iterdir()) == []
    assert installed_files(venv) == before, "the running command wrote where it is installed"
    usage = run(venv / "bin" / "workshop", "series", "--help", cwd=elsewhere, env=env).stdout
    assert usage.startswith("usage: workshop series")
