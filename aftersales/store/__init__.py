"""Peewee models, database opening, migrations and queries."""
