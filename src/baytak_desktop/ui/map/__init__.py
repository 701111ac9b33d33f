"""The map: the canvas (a QGraphicsView over a Web Mercator scene), one raster item per layer, the
render scheduler that runs ``ui.paint`` jobs off the UI thread, the scale bar, and the right-click menu
of the map and the attribute table (``context_menu``). The data it reads comes from ``mapdata``.
"""
