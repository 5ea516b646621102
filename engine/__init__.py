"""Moslik's matching engine: ingest, normalise, block, score, select and write."""

__version__ = "0.1.0"
