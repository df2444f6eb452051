"""Check modules, one family per module; each is imported by the registry."""
