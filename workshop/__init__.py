"""workshop: a self-hosted, real-time app for breakout workshops."""

__version__ = "0.1.0"
