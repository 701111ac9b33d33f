"""Exhibits from the desktop: the Project menu's actions (print the map, export the web map, make an
evidence dossier), the Export map dialog, the Charts dock and the web map preview. The jobs themselves
are plain functions in ``baytak_desktop.exhibits.jobs``; the pages are painted by ``ui.paint``.
"""
