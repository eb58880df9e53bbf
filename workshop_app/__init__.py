"""Workshop: the transparent workshop for a car dealer's after-sales side (core, no Qt)."""

__version__ = "0.1.0"
