"""Thin adapters: Flask routes and Socket.IO handlers parse, call the service, and emit."""
