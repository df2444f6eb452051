"""``doccheck lsp``: a language server over standard input and output (pygls, lsprotocol).

It sits above the library API and uses nothing else of doccheck's: a document open in
the editor is checked with :func:`checker.check_text` under the settings of its
workspace (:func:`checker.load_settings`), its fixes come from :func:`checker.apply_fix`
and :func:`checker.fix_text`, its explanations from :func:`checker.list_rules`. The
modules: ``positions`` (offsets and LSP positions in the negotiated code units),
``diagnostics`` (a finding as a diagnostic, with its related places), ``docs`` (a
rule's explanation, for hovers and the diagnostics' links), ``actions`` (quick fixes,
suppression comments), ``accept`` (the workspace's accept list), ``settings`` (what the
editor and the configuration files say) and ``server`` (the protocol: scheduling,
debouncing, publishing). pygls is an optional dependency: ``pip install 'doccheck[lsp]'``.
"""
