"""The layer panel: visibility, order, opacity, counts and legends of the six layers; the styles model
(saved in the store) and the style dialog; the legend widget.
"""
