"""The domain: layer schemas, vocabularies, features, validation, geodesic measures. No Qt."""

from baytak_desktop.layers.feature import Feature, new_uuid
from baytak_desktop.layers.schema import LAYERS, Field, FieldType, LayerSchema, get_layer
from baytak_desktop.layers.validation import Prepared, prepare
from baytak_desktop.layers.vocabularies import ALL_VOCABULARIES, BRANCHES, Vocabulary

__all__ = [
    "ALL_VOCABULARIES",
    "BRANCHES",
    "LAYERS",
    "Feature",
    "Field",
    "FieldType",
    "LayerSchema",
    "Prepared",
    "Vocabulary",
    "get_layer",
    "new_uuid",
    "prepare",
]
