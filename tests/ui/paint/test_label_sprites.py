"""Names on screen copied from pictures made once per text look like names drawn as text, and on paper
(PDF) they stay real text."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter

from baytak_desktop.ui.paint import label_sprites
from baytak_desktop.ui.paint.labels import LabelPlacer, LabelStyle, _draw_as_text, draw_labels, make_font

NAMES = [(40.0, 30.0, "Өтеген батыр"), (40.0, 80.0, "Қапшағай су қоймасы"), (40.0, 130.0, "улица Абая")]
LOOK = LabelStyle(12.0, "#202020", "#ffffff", 2.5, bold=True, offset_px=0.0)


def _image() -> QImage:
    image = QImage(400, 170, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#8fb8d8"))  # a halo shows on water
    return image


def _pixels(image: QImage) -> np.ndarray:
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4).astype(int)


def test_a_name_from_its_picture_looks_like_the_name_drawn_as_text(qapp) -> None:
    label_sprites.forget()
    on_screen = _image()
    painter = QPainter(on_screen)
    placer = LabelPlacer(400, 170)
    # whole-pixel anchors: the picture's text sits exactly where text drawn there would
    assert draw_labels(painter, placer, [(x + 150, y, t) for x, y, t in NAMES], LOOK, 1.0) == 3
    painter.end()
    as_text = _image()
    painter = QPainter(as_text)
    font = make_font(LOOK, 1.0)
    metrics = label_sprites.measure(font, label_sprites.font_key(font))
    texts = []
    for x, y, text in NAMES:
        width = label_sprites.text_width(font, label_sprites.font_key(font), text)
        baseline = QPointF(round(x + 150 - width / 2), round(y + metrics.ascent / 2 - metrics.descent / 2))
        texts.append((baseline, text))
    _draw_as_text(painter, texts, font, LOOK, LOOK.halo_px)
    painter.end()
    mine, theirs = _pixels(on_screen), _pixels(as_text)
    changed = np.abs(_pixels(_image()) - theirs).max(axis=2) > 0
    assert changed.sum() > 1500  # the names and halos are drawn
    assert np.abs(mine - theirs).max(axis=2)[changed].mean() < 8  # and the same, give or take antialiasing
    assert label_sprites.counts() == (3, 3)
    # drawn again elsewhere (a pan, another render): no text measured or painted again
    again = _image()
    painter = QPainter(again)
    draw_labels(painter, LabelPlacer(400, 170), [(x + 100, y + 7, t) for x, y, t in NAMES], LOOK, 1.0)
    painter.end()
    assert label_sprites.counts() == (3, 3)


def test_names_on_paper_stay_text(qapp) -> None:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A6))
    painter = QPainter(writer)
    assert not label_sprites.raster_target(painter)
    draw_labels(painter, LabelPlacer(1000, 1000), [(300.0, 300.0, "Sorbulak")], LOOK, 1.0)
    painter.end()
    buffer.close()
    pdf = bytes(data.data())
    assert b"/Subtype /Image" not in pdf  # no picture of the name
    assert b"/FontFile" in pdf  # but its glyphs as text, in an embedded font


def test_the_letters_halos_filled_one_by_one_look_like_one_stroked_outline(qapp) -> None:
    """A street name's letters are turned each its own way; their halos are filled from outlines made
    once per letter, which looks like stroking the whole name's outline (what it replaced)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPainterPath, QPen, QTransform

    label_sprites.forget()
    font = make_font(LOOK, 1.0)
    key = label_sprites.font_key(font)
    letters = [
        (QTransform().translate(60 + 11 * i, 90 + 2 * i).rotate(4.0 * i), ch) for i, ch in enumerate("Абай көшесі")
    ]
    at = QPointF(-4, 4)
    one_by_one, stroked = _image(), _image()
    painter = QPainter(one_by_one)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for turn, ch in letters:
        painter.setTransform(turn)
        painter.fillPath(label_sprites.letter_halo(font, key, ch, at, 2.5), QColor("#ffffff"))
    painter.end()
    whole = QPainterPath()
    for turn, ch in letters:
        letter = QPainterPath()
        letter.addText(at, font, ch)
        whole.addPath(turn.map(letter))
    painter = QPainter(stroked)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor("#ffffff"), 5.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.strokePath(whole, pen)
    painter.end()
    mine, theirs = _pixels(one_by_one), _pixels(stroked)
    halo = np.abs(_pixels(_image()) - theirs).max(axis=2) > 0
    assert halo.sum() > 1000
    assert np.abs(mine - theirs).max(axis=2)[halo].mean() < 8
    assert (np.abs(mine - theirs).max(axis=2) > 64).sum() < 0.02 * halo.sum()
