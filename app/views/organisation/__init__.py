"""Views of the organisation: the org tree editing, the unit form, the Reorganise dialog."""
