"""Planner: write, keep and print public-sector plans.

The package is layered (see DESIGN.md): ``domain`` and ``storage`` know the plan file,
``services`` hold every rule a user meets, ``exporting`` and ``exchange`` turn plans into
documents and packages, and only ``ui`` imports Qt.
"""

__version__ = "0.1.0"

import os as _os

# openpyxl parses workbooks with lxml whenever lxml is installed (pyHanko brings it), and
# then not through defusedxml: a workbook is untrusted input, so keep openpyxl on the
# standard parser hardened by defusedxml (tests/test_excel_safety.py checks).
_os.environ["OPENPYXL_LXML"] = "False"
