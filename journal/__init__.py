"""Reflective Viewing Journal: domain and storage. Imports no Qt."""

__version__ = "0.1.0"
