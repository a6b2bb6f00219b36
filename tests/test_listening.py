"""The listen queue: deep enough for a room that scans the QR code at once."""

from __future__ import annotations

from workshop import listening


def test_backlog_is_the_kernels_cap(tmp_path):
    cap = tmp_path / "somaxconn"
    cap.write_text("4096\n")
    assert listening.backlog(cap) == 4096


def test_backlog_is_never_below_eventlets_default(tmp_path):
    cap = tmp_path / "somaxconn"
    cap.write_text("16\n")
    assert listening.backlog(cap) == listening.DEFAULT_BACKLOG


def test_backlog_without_the_kernels_figure_is_a_thousand(tmp_path):
    assert listening.backlog(tmp_path / "missing") == 1024
    (tmp_path / "garbled").write_text("lots")
    assert listening.backlog(tmp_path / "garbled") == 1024
