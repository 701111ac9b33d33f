"""What the map shows, without Qt: the display projection and the view snapshot, the viewport reads of a
layer (through the R-tree, as numpy arrays), identify and extents, the map's read-only store reader,
scale-bar arithmetic, and the offline basemap's data and place names. Render workers, the canvas and
the exhibit painter all read through here.
"""
