"""The desktop application: the only package that imports PySide6 or pyqtgraph.

Grouped by feature, each part using only the parts below it (an import-linter contract keeps it so):

    window/    the main window: it builds the parts, wires their signals, and owns the open store
    sync/      the Sync menu, the sync runner and progress, sign-in, conflicts, branch review, history
    edit/      the Edit menu: edit session and undo, feature form, photos, coordinates, measure, tools/
    exhibits/  the Project menu: print and web map exports, dossiers, charts, web map preview
    table/     the attribute table, its model, and the feature details dock
    map/       the canvas, its layer items, the render scheduler, the scale bar, the right-click menu
    layers/    the layer panel, its controls, the style dialog and model, the legend widget
    paint/     QtGui only, no widgets: layer and basemap painting, labels, print layout, dossier PDF,
               and the exhibit child process's entry point

Beside them, what every part uses: ``actions`` (actions declared as data), ``context`` (what a part may
ask of the window), ``store_signals`` (the store's events as Qt signals), ``selection``, ``worker``
(jobs off the UI thread), ``i18n``, ``messages``, ``settings``, ``fonts``, ``crash``, and ``app``, the
``baytak-desktop`` command.
"""
