"""Supervision visits to a shop (from section 6, key v): record a visit, close a rectification."""
