"""Bringing existing plans in: a Word document, a PDF's text or a pasted outline.

A source (``text_source``, ``pdf_source``, ``docx_source``) turns a file into
``SourceLine`` values; the recogniser (``recognise``) turns those into an ``Outline``:
every line marked with what it was recognised as and why, nothing dropped. The
outline is shown (``render``, the window's preview), may be corrected, and is then
written into a plan by ``services.outline_import`` in one transaction. No Qt here.
"""
