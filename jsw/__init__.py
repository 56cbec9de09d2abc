"""jsw: performance management for a justice social work service."""

__version__ = "0.1.0"
