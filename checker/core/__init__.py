"""The bottom layer: what every other layer shares.

The records that cross a boundary (findings, fixes, reports), the settings of a run
and the configuration file they come from, where the project's data lives and the
disk cache, compiled patterns, and writing files atomically. Nothing here knows a
reader, a rule or a formatter.
"""
