"""The selected features, one model shared by the map, the attribute table and the feature details.

Widgets never tell each other what is selected; they change this model and listen to it, so the map
and the table stay in step whichever one the user clicked. Features are named by layer and fid (the
GeoPackage row id): fast to query and stable while the store is open.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal


class SelectionModel(QObject):
    sigChanged = Signal(str)  # the layer whose selection changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._selected: dict[str, frozenset[int]] = {}

    def selected(self, layer: str) -> frozenset[int]:
        return self._selected.get(layer, frozenset())

    def layers(self) -> list[str]:
        """Layers that have at least one selected feature."""
        return [layer for layer, fids in self._selected.items() if fids]

    def select(self, layer: str, fids: Iterable[int], *, add: bool = False) -> None:
        """Select ``fids`` of ``layer`` (replacing the whole selection unless ``add``)."""
        fids = frozenset(int(fid) for fid in fids)
        if not add:
            for other in self.layers():
                if other != layer:
                    self._set(other, frozenset())
        self._set(layer, self.selected(layer) | fids if add else fids)

    def clear(self) -> None:
        for layer in self.layers():
            self._set(layer, frozenset())

    def _set(self, layer: str, fids: frozenset[int]) -> None:
        if self._selected.get(layer, frozenset()) != fids:  # binding skips equal values: no loops
            self._selected[layer] = fids
            self.sigChanged.emit(layer)
