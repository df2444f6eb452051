"""The run layer: checking documents with a selection of rules and reporting what was found.

The engine turns the rules' hits into findings (selection, severity, suppression,
isolation of a failing rule); around it, settings read from a configuration file,
many files on several processes, the baseline and the fixer.
"""
