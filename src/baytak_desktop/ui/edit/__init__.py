"""Editing: the Edit menu's actions, the edit session (one transaction and one undo step per user
action), the undo commands, how an edit travels from tool to form to store (``flow``), the feature form
and its editors, the photo strip, coordinate entry, measurements, the marks of unsynced edits, and the
map tools (``tools/``: add, draw, move, corners, delete, split, merge, measure, snapping).
"""
