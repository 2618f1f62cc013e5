"""Import and export: the exchange page, import dialog and their workers."""
