"""Styrkort: goals, follow-up and directives for Swedish regions and municipalities."""

__version__ = "0.1.0"
APP_NAME = "Styrkort"
