"""doccheck: a consistency and compliance checker for Chinese official documents (公文)."""
from checker.core.version import __version__

__all__ = ["__version__"]
