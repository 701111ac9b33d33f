"""Syncing from the desktop: the Sync menu's actions, the runner (sync jobs on a worker thread) and its
progress widget, the Connect dialog, the Conflicts and Branch review docks, the conflict dialog, and
the change history. The rules of review marks live in ``store.review``; this package only shows them.
"""
