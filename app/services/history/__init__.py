"""The change log read back: who changed what and when, field by field, and the follow-up as it stood at a moment."""
