"""Supervision of the shops' service quality: visits, rectifications and their follow-ups."""
