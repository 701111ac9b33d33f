"""baytak-desktop: an offline-first desktop GIS for the Baytak green party of Kazakhstan."""

__version__ = "0.1.0"
