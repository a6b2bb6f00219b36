"""`python -m bench`: a realistic workshop against the real server, beside a bare
Flask-SocketIO baseline under the same load, so the figures hold on any machine.

Needs the development requirements (python-socketio's asyncio client, psutil)."""
