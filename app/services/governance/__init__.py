"""Styrning: styrdokument, delegationsordning, verksamhetsplaner, program för utförare, årshjul."""
