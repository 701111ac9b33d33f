"""Sync > Connect to server: the server address, user name and password; who is signed in; Sign out.

Signing in runs on the worker (``SyncController.sign_in``) and keeps the token exactly where the
command line keeps it (``sync.credentials``: outside the GeoPackage, readable by the user only), so
``baytak sync STORE`` and the app share one sign-in. The password is never stored. The dialog is
non-blocking: it is also what the window opens when the server says a sign-in has expired.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.layers.vocabularies import BRANCHES
from baytak_desktop.sync.credentials import Credentials
from baytak_desktop.ui.i18n import current_language
from baytak_desktop.ui.sync.runner import SyncController


class ConnectDialog(QDialog):
    def __init__(self, controller: SyncController, parent: QWidget | None = None, url: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("connect_dialog")
        self.controller = controller
        self.reason = ""  # why the window opened the dialog (an expired sign-in), shown on top
        self.busy = False
        self.url_edit = QLineEdit(url)
        self.url_edit.setObjectName("server_url")
        self.url_edit.setPlaceholderText("https://sync.baytak.kz")
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("user_name")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet("color:#7a4d00;")
        self.account_label = QLabel()
        self.account_label.setObjectName("account")
        self.account_label.setWordWrap(True)
        self.account_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.form = QFormLayout()
        self.labels: dict[QLineEdit, QLabel] = {}
        for edit in (self.url_edit, self.user_edit, self.password_edit):
            label = self.labels[edit] = QLabel()
            label.setBuddy(edit)  # Alt+S, Alt+U, Alt+P
            self.form.addRow(label, edit)
        self.buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton()
        self.sign_in_button.setObjectName("sign_in")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.sign_out_button = QPushButton()
        self.sign_out_button.setObjectName("sign_out")
        self.sign_out_button.clicked.connect(self.controller.sign_out)
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.sign_out_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.account_label)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        controller.sigAccountChanged.connect(self._account_changed)
        controller.sigFailed.connect(self._failed)
        controller.sigEnded.connect(self._ended)
        self._account_changed(controller.account)
        self.setMinimumWidth(460)
        self.retranslate()

    def ask(self, reason: str = "") -> None:
        """Show the dialog (non-modal), with ``reason`` on top when the window needs a new sign-in."""
        self.reason = reason
        if self.controller.account is not None and not self.user_edit.text():
            self.user_edit.setText(self.controller.account.username)
        self.retranslate()
        self.show()
        self.raise_()
        self.activateWindow()
        (self.password_edit if self.user_edit.text() else self.user_edit).setFocus()

    def sign_in(self) -> None:
        url, user, password = self.url_edit.text().strip(), self.user_edit.text().strip(), self.password_edit.text()
        if not (url and user and password):
            self.message.setText(self.tr("Fill in the server address, your user name and your password."))
            return
        if "://" not in url:
            url = "https://" + url
            self.url_edit.setText(url)
        if self.controller.sign_in(url, user, password):
            self.busy = True
            self.message.setText(self.tr("Signing in…"))
            self._enable()
        else:
            self.message.setText(self.tr("Wait until the sync that is running has finished."))

    def _account_changed(self, account: Credentials | None) -> None:
        self.password_edit.clear()
        if account is not None:
            self.url_edit.setText(account.server_url)
            self.user_edit.setText(account.username)
            self.reason = ""
            if self.busy:
                self.message.setText(self.tr("Signed in."))
        self._enable()
        self.retranslate()

    def _failed(self, kind: str, reason: str, text: str) -> None:
        if kind != "login":
            return
        if reason == "offline":
            text = self.tr("Cannot reach the server: check the address and the connection.")
        self.message.setText(text)

    def _ended(self) -> None:
        self.busy = False
        self._enable()

    def _enable(self) -> None:
        signed_in = self.controller.account is not None
        self.sign_in_button.setEnabled(not self.busy)
        self.sign_out_button.setEnabled(signed_in and not self.busy)

    def account_text(self) -> str:
        account = self.controller.account
        if account is None:
            return self.tr("Not signed in. Your edits stay on this computer until you sign in and sync.")
        branch = BRANCHES.label(account.branch, current_language()) if account.branch else self.tr("all branches")
        return self.tr("Signed in to {server} as {user}: {role}, {branch}.").format(
            server=account.server_url, user=account.username, role=role_title(account.role), branch=branch
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Connect to server"))
        self.reason_label.setText(self.reason)
        self.reason_label.setVisible(bool(self.reason))
        self.account_label.setText(self.account_text())
        self.labels[self.url_edit].setText(self.tr("&Server:"))
        self.labels[self.user_edit].setText(self.tr("&User name:"))
        self.labels[self.password_edit].setText(self.tr("&Password:"))
        self.sign_in_button.setText(self.tr("Sign &in"))
        self.sign_out_button.setText(self.tr("Sign &out"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def role_title(role: str | None) -> str:
    """A role's name in the UI language (the server's codes: viewer ... admin)."""
    titles = {
        "viewer": QCoreApplication.translate("ConnectDialog", "viewer"),
        "reporter": QCoreApplication.translate("ConnectDialog", "reporter"),
        "editor": QCoreApplication.translate("ConnectDialog", "editor"),
        "coordinator": QCoreApplication.translate("ConnectDialog", "coordinator"),
        "admin": QCoreApplication.translate("ConnectDialog", "administrator"),
    }
    return titles.get(role or "", role or "")
