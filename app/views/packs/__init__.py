"""Review packs: the pack dialog with preview and printing."""
