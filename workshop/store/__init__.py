"""Persistence with sqlite-utils: one SQLite file per workshop, WAL, versioned schema."""
