"""One line of text asked in a small dialog whose question wraps.

``QInputDialog.getText`` lays its question out on one line: a Kazakh or Russian sentence of two clauses
made the dialog 1,340-1,440 px wide, wider than a 1366x768 laptop's screen. Here the question wraps and
the dialog opens at a width a reader's eye follows, whatever the language.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QWidget

WIDTH = 520  # px: about 70 characters of the program's font, a comfortable line


def question_dialog(parent: QWidget | None, title: str, question: str, text: str = "") -> QInputDialog:
    """The dialog, made and sized but not shown: ``open()`` it and take ``textValueSelected`` where the
    window must go on meanwhile (a question that follows a job)."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(question)
    dialog.setTextValue(text)
    for label in dialog.findChildren(QLabel):
        label.setWordWrap(True)
    dialog.resize(WIDTH, dialog.sizeHint().height())
    return dialog


def ask_text(parent: QWidget | None, title: str, question: str, text: str = "") -> tuple[str, bool]:
    """The text typed and whether the user pressed OK, as ``QInputDialog.getText`` returns them."""
    dialog = question_dialog(parent, title, question, text)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    answer = dialog.textValue()
    dialog.deleteLater()
    return answer, accepted
