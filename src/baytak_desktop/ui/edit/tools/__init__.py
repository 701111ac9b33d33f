"""Edit tools for the map canvas: one module per tool, all built on ``base.MapTool``.

``MapCanvas.set_tool(tool)`` makes one active; ``ui.edit.actions`` makes them, with their actions,
shortcuts, the Edit menu and tool bar, and connects what they produce to the form and the EditSession.
"""
