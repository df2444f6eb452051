"""The rules layer: what doccheck judges, and the data it judges by.

The registry of rules (code, name, category, severity, documentation), the checks
themselves (``checks``: pure functions of a Document, one family per module), the
rule packs and glossaries, the document profiles, and the suppression comments a
document may carry.
"""
