"""The goal hierarchy: reading and editing goals with their rules."""
