"""Who makes a store's local edits: the name written into created_by / updated_by.

The person signed in to the store's server on this device is who the server will credit anyway, so
their user name comes first; a store never signed in records the system user name. A name chosen in
the app's settings (``edit/author``) overrides both: a shared office laptop, a name spelled in
Kazakh. Edits that other programs make (QGIS, GDAL) leave these fields as those programs write them,
usually empty: the triggers cannot know who sat at the other program.
"""

from __future__ import annotations

from baytak_desktop.store import Store
from baytak_desktop.store.store import system_user
from baytak_desktop.sync import credentials as tokens
from baytak_desktop.sync.session import server_url


def local_author(store: Store, chosen: str | None = None) -> str | None:
    """The chosen name if any, else the user signed in to the store's server, else the system user."""
    if chosen and chosen.strip():
        return chosen.strip()
    url = server_url(store)
    signed_in = tokens.load(url, store.device_id) if url else None
    return signed_in.username if signed_in is not None else system_user()


def account_branch(store: Store) -> str | None:
    """The branch of the account signed in to the store's server: the front ends put it on the store
    (``Store.new_feature_branch``), which gives it to every new feature naming none, since the server
    refuses an editor's or a reporter's feature of no branch (None: not signed in, or an account of
    every branch)."""
    url = server_url(store)
    signed_in = tokens.load(url, store.device_id) if url else None
    return signed_in.branch if signed_in is not None else None
