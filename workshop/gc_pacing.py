"""Kept only for `web/sockets.py`, which imports `Activity` from here until its rewrite
lands: the pacer itself is `workshop/runtime/gc_pacing.py`, the counter `web/hooks.py`.
Delete this module once nothing imports it."""

from .web.hooks import Activity

__all__ = ["Activity"]
