"""Attachments: files on complaints, deliveries, violations and visits."""
