"""Money moved on complaints, as dated append-only entries."""
