"""The styles of the store's layers (built-in and published) as one Qt model: the widgets change it, the map and legend listen.

Every change is validated, saved to the store (so it survives a restart and travels with the file)
and announced with the whole dict, which is what the canvas needs to redraw. Equal values are
skipped, so a widget that echoes a value back causes no save and no signal. A store that cannot be
written (read-only) keeps the change for this session and reports why it was not saved.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import builtin_catalog
from baytak_desktop.layers.style import LayerStyle, default_styles, reordered, top_first
from baytak_desktop.store import Store
from baytak_desktop.ui.messages import message_of
from baytak_desktop.ui.sharing.writer import StoreWriter


class StylesModel(QObject):
    sigStylesChanged = Signal(object)  # dict[str, LayerStyle], after every change
    sigProblem = Signal(str)  # a style could not be read or saved; the text says why

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store: Store | None = None
        self.writer: StoreWriter | None = None  # the window's: a save another program holds up goes there
        self._styles: dict[str, LayerStyle] = default_styles()

    def load(self, store: Store | None, loaded: tuple[dict[str, LayerStyle], list[Exception]] | None = None) -> None:
        """Take the styles saved in ``store`` (defaults where none or unusable) and announce them.
        ``loaded``: those styles and their problems, already read off the UI thread (the store's opener)."""
        self._store = store
        if loaded is None:
            loaded = (store.styles(), list(store.style_problems)) if store is not None else (default_styles(), [])
        self._styles = dict(loaded[0])
        for problem in loaded[1]:
            self.sigProblem.emit(message_of(problem))
        self.sigStylesChanged.emit(self.styles())

    def styles(self) -> dict[str, LayerStyle]:
        return dict(self._styles)

    def style(self, layer: str) -> LayerStyle:
        return self._styles[layer]

    def layers_top_first(self) -> list[str]:
        return top_first(self._styles)

    def update(self, *styles: LayerStyle) -> bool:
        """Apply, save and announce the styles that differ; StyleError (nothing applied) if one is invalid."""
        changed = [s for s in styles if self._styles.get(s.layer) != s]
        if not changed:
            return False
        for style in changed:
            style.validate((self._store.catalog if self._store is not None else builtin_catalog()).layer(style.layer))
        self._styles.update({s.layer: s for s in changed})
        self._save(changed)
        self.sigStylesChanged.emit(self.styles())
        return True

    def set_visible(self, layer: str, visible: bool) -> None:
        self.update(replace(self._styles[layer], visible=visible))

    def set_opacity(self, layer: str, opacity: float) -> None:
        self.update(replace(self._styles[layer], opacity=min(1.0, max(0.0, opacity))))

    def set_label_field(self, layer: str, field: str | None) -> None:
        self.update(replace(self._styles[layer], label_field=field))

    def move(self, layer: str, row: int) -> None:
        """Put ``layer`` at ``row`` of the top-first list (0 = drawn on top of every other layer)."""
        names = self.layers_top_first()
        names.remove(layer)
        names.insert(max(0, min(row, len(names))), layer)
        self.update(*reordered(self._styles, names).values())

    def _save(self, styles: list[LayerStyle]) -> None:
        """Saved on the window's writer thread (in order, behind the writes queued before it): a commit
        waits on the disk, and a layer's box ticked stopped the UI thread 130 ms on it. Without a writer
        (a model of its own, the tests), here."""
        if self._store is None:
            return
        if self.writer is not None:
            self.writer.submit(self._store, lambda writing: writing.save_styles(styles), lambda _: None, self._problem)
            return
        try:
            self._store.save_styles(styles)
        except BaytakError as error:
            self._problem(error)

    def _problem(self, error: Exception) -> None:
        self.sigProblem.emit(
            self.tr("The style is used but could not be saved in the store: {reason}").format(reason=message_of(error))
        )
