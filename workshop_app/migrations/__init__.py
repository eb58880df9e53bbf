"""Alembic migrations shipped inside the package; ``schema.upgrade(url)`` runs them."""
