"""The desk's sections, in the order of their keys 1–7."""

SECTIONS = ("dashboard", "complaints", "deliveries", "escalations", "penalties", "shops", "reports")
