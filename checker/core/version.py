"""The version of doccheck, reported by ``--version`` and in every report and baseline."""

__version__ = "0.1.0"
