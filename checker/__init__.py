"""doccheck: a consistency and compliance checker for Chinese official documents (公文)."""
__version__ = "0.1.0"
