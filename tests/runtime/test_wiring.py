"""The runtime is plugged into the web app through its hook, and the app works without it."""

from __future__ import annotations

from flask.sessions import SecureCookieSessionInterface
from socketio.packet import Packet

from tests.factories import OWNER_KEY, make_settings, setup_payload
from workshop.runtime.event_context import ConnectionSessions
from workshop.runtime.wire import JSONPacket
from workshop.web.app import create_app
from workshop.wiring import build


def test_python_m_workshop_plugs_in_the_runtime(tmp_path):
    app, socketio = build(make_settings(tmp_path))
    assert isinstance(app.session_interface, ConnectionSessions)
    assert socketio.server.packet_class is JSONPacket
    eio = socketio.server.eio
    assert (eio.ping_interval, eio.ping_interval_grace_period) == (25.0, 5.0)
    app.extensions["workshop"].files.close_all()


def test_without_the_runtime_the_app_answers_the_same_on_the_libraries_defaults(tmp_path):
    app, socketio = create_app(make_settings(tmp_path))
    assert type(app.session_interface) is SecureCookieSessionInterface
    assert socketio.server.packet_class is Packet
    created = app.test_client().post(
        "/api/workshops", json=setup_payload(), headers={"Authorization": f"Bearer {OWNER_KEY}"}
    )
    assert created.status_code == 201, created.get_json()
    code = created.get_json()["code"]
    phone = socketio.test_client(app, auth={"code": code})
    assert phone.is_connected()
    assert phone.get_received()[0]["name"] == "state"
    phone.disconnect()
    app.extensions["workshop"].files.close_all()
