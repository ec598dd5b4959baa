"""Escalations: raising them (by hand, at intake, by the sweep), reviewing them, and their figures."""
