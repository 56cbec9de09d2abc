"""The quarterly board pack and the annual report: one model, one renderer per format.

`model` holds the pack as plain dataclasses; `build` fills it from stored results (nothing
recounts records); `html`, `pdf` and `xlsx` render it; `publish` keeps published figures.
"""
