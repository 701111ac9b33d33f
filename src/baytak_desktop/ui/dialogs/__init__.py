"""The main window's dialogs: open/new store, import, export, about."""
