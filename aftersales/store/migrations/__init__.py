"""Versioned schema changes; see runner.py."""

from .runner import LATEST, MIGRATIONS, current_version, migrate

__all__ = ["LATEST", "MIGRATIONS", "current_version", "migrate"]
