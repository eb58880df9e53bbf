"""The first-run set-up wizard (a database without a store)."""
