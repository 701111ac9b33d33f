"""Exhibits: print layouts (PDF/PNG/SVG), the offline web map (folium), chart data, evidence dossiers.

No Qt here: the web map is HTML text, chart data are plain values, and print layouts are painted by a
child process that runs the ui package (exhibits.render_process).
"""
