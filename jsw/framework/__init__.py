"""The framework area: the catalogue of objectives, OPIF indicators and PIs, as data.

`jsw.framework.catalogue.load_catalogue()` is the entry point; `render` draws it as text.
"""
