"""Ändringslogg: the history of an object, of an import or of the whole database; a goal as it
stood at a date; a review pack compared with today."""
