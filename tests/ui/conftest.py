import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True, scope="session")
def _collector_on_the_ui_thread(qapp):
    """As in the app (``make_app``): garbage cycles holding widgets are freed on the UI thread, never by a
    collection that happens to start in a render or job thread (that hangs the process); and the GIL is
    handed over after a millisecond (``ui.gil``)."""
    from baytak_desktop.ui.collector import collect_on_ui_thread
    from baytak_desktop.ui.gil import hand_over_often

    collector = collect_on_ui_thread()
    previous = hand_over_often()
    yield
    hand_over_often(previous)
    collector.stop()


@pytest.fixture(autouse=True)
def _no_translator_after_a_test():
    """Each test starts as a fresh process does, with no translator installed: a test that switched the
    language must not change what the next one reads, whatever order the tests run in."""
    yield
    from PySide6.QtCore import QCoreApplication

    from baytak_desktop.ui import i18n

    app = QCoreApplication.instance()
    for translator in i18n._LANGUAGE.installed:
        if app is not None:
            app.removeTranslator(translator)
    i18n._LANGUAGE.installed.clear()
    i18n._LANGUAGE.code = "en"
    i18n.show_catalog(i18n.builtin_catalog())  # no store shown: the next test starts with the built-in layers
