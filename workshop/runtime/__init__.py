"""The process runtime: how this one process runs a room of phones under eventlet.

GC pacing, the listen queue, spread heartbeats, the wire encoding and per-connection request
contexts. None of it changes what the app answers, only how fast and how steadily. The
package stands beside the layers: it imports no other part of `workshop`, and no layer
imports it. The web layer takes its pieces through `web/hooks.py`; `workshop/wiring.py`
plugs them in for `python -m workshop` (tests/domain/test_layers.py keeps both rules)."""
