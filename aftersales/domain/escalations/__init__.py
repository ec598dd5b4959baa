"""Escalations to the team lead (level 1) and the management manager (level 2): vocabulary and rules."""
