"""The domain: layer definitions and catalogs, vocabularies, features, validation, geodesic measures. No Qt."""

from baytak_desktop.layers.catalog import Catalog, builtin_catalog
from baytak_desktop.layers.feature import Feature, new_uuid
from baytak_desktop.layers.schema import Field, FieldType, LayerSchema
from baytak_desktop.layers.validation import Prepared, prepare
from baytak_desktop.layers.vocabularies import BRANCHES, Vocabulary

# The built-in layers, for code that means exactly them (the demo, the Aral chart). A store or a server
# may have more, published since: ask its catalog (``Store.catalog``, ``server.catalog.catalog_of``).
LAYERS: Catalog = builtin_catalog()


def get_layer(name: str) -> LayerSchema:
    """A built-in layer's schema, or UnknownLayer naming the built-in layers."""
    return LAYERS.layer(name)


__all__ = [
    "BRANCHES",
    "LAYERS",
    "Catalog",
    "Feature",
    "Field",
    "FieldType",
    "LayerSchema",
    "Prepared",
    "Vocabulary",
    "builtin_catalog",
    "get_layer",
    "new_uuid",
    "prepare",
]
