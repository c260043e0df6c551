"""Planner: write, keep and print public-sector plans.

The package is layered (see DESIGN.md): ``domain`` and ``storage`` know the plan file,
``services`` hold every rule a user meets, ``exporting`` and ``exchange`` turn plans into
documents and packages, and only ``ui`` imports Qt.
"""

__version__ = "0.1.0"
