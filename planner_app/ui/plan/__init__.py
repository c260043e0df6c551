"""The Plan tab and menu: properties, chapters, units and signatories with their undo
commands; making a plan final, the read-only banner, checking a PDF against the plan."""
