"""The rules of a workshop, in pure Python: no Flask, Socket.IO, SQLite or I/O here."""
