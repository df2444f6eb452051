"""The load layer: files in, :class:`~checker.load.source.Source` out.

Which files a run checks (``discovery``: folders walked, .gitignore and the
configured globs honoured) and how each is read (``readers``: plain text, Markdown,
Word, HTML, PDF), each into the text to check plus the way back to the file.
"""
