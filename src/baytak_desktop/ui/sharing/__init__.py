"""Sharing the store with other programs and people: who makes the edits (the author name), what other
programs changed while the window shows the store, and whom a write waits for."""
