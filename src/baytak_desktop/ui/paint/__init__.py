"""Painting with QtGui only, never QtWidgets (a test keeps it so): what runs on render workers and in
the exhibit child process, which has a QGuiApplication and no widgets.

Layer, tile and basemap images for the map (``layer``, ``tiles``, ``basemap``, ``draw``, ``labels``),
legend swatches (``symbols``), the print layout and its map, legend and sources, the evidence dossier
PDF, and ``exhibit_main``, the child process's entry point (declared in pyproject.toml).
"""
