"""Qt adapters over the domain: windows, pages, dialogs, forms and item models."""
