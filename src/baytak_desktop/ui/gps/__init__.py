"""The GPS menu and the live position on the map: the receiver on its own thread, the marker, follow mode,
"add point at my position" (averaged), "add corner at my position", and track recording. The rules
(parsing sources, averaging, notes, GPX, follow) live in the Qt-free ``baytak_desktop.gps``."""
