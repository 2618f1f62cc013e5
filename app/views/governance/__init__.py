"""Styrdokument, delegation, verksamhetsplaner and the årshjul."""
