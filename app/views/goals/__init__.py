"""Målhierarki: the goal tree, its editing, forms and the cascade view."""
