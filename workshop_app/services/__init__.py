"""Use cases. Plain functions taking the unit of work (and the acting staff member) first;
they return frozen dataclasses, never ORM objects, and commit their rows with their event."""
