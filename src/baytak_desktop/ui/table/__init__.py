"""The attribute table (a Qt model/view over the store's ordered fids, fetched a block at a time) and
the feature details dock.
"""
