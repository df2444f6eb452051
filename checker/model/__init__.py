"""The model layer: the :class:`~checker.model.document.Document` and the views of it.

A Document is built once per file on a :class:`~checker.load.source.Source`; what
several rules need to know about its text — the outline, sentences and clauses,
paired marks, numerals, dates and years, quantities, claims, word segmentation, the
kind of document — is read here, once, and cached on the document.
"""
