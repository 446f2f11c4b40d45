"""Commissioning Assistant: grounded answers and guided checklists over a council's own policy files."""

__version__ = "0.1.0"
