"""The central server of baytak-sync/1 (FastAPI, no Qt): accounts, push with per-field merge, pull by
revision, conflicts, attachments; storage on SQLite (default) or PostgreSQL + PostGIS.

Entry points: ``baytak_desktop.server.app.create_app(database_url, **settings)``, ``python -m
baytak_desktop.server`` and ``baytak server ...`` (``server.commands``).
"""
