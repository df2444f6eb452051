"""``doccheck serve``: a review workbench in the browser and an HTTP API for office systems.

This package sits above the library API (``checker.check_bytes``, ``checker.fix_text``,
``checker.list_rules``, ``checker.load_settings``) and uses it; nothing below imports it.
:mod:`checker.serve.app` builds the Starlette application, :mod:`checker.serve.workers`
runs the checks on a pool of processes with a time limit, :mod:`checker.serve.store`
keeps the reviewers' decisions and accept list (SQLAlchemy, migrated by Alembic), and
``static/`` is the browser page (Chinese, nothing fetched from the network).
"""
