"""The main window and what belongs to it alone.

``main_window`` builds the parts (sync, edit, exhibits, the table, the layer panel, the map), gives
each a typed context, and is the one place that connects their ``sig*`` signals. Also here: the File,
View and Help actions, the store jobs of the File menu (open, create, import, export), the status and
message bars, store problems, the welcome page, online tiles, and the About, Import and Export dialogs.
"""
