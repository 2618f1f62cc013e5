"""The demo databases: data plus a small builder."""
