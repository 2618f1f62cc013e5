"""The organisation: units, nämnder and providers."""
