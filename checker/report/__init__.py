"""The report layer: findings shown to people and tools.

The formatters render a report (text, JSON, SARIF, GitHub annotations, JUnit,
HTML); the annotator writes a copy of a Word file with one comment per finding.
Neither re-reads the document to judge it: they show what the run found.
"""
