"""The name of every undo step (Edit → History, Undo “…”), in one table.

Commands take their text from here and nowhere else, so that every step is named the
same way wherever the edit was made (the editor, the tree, a table) and every name is
in the catalogue: a test checks that each one has a Dutch and a French translation. The
keys are (what, action): the kind of row and the field or action.
"""

from __future__ import annotations

from planner_app.i18n import N_, _

TEXTS: dict[tuple[str, str], str] = {
    # objectives and what hangs on them
    ("objective", "add"): N_("Add objective"),
    ("objective", "remove"): N_("Delete objective"),
    ("objective", "move"): N_("Move objective"),
    ("objective", "paste"): N_("Paste objective"),
    ("objective", "title"): N_("Edit title"),
    ("objective", "description"): N_("Edit description"),
    ("objective", "intended_results"): N_("Edit intended results"),
    ("objective", "code_override"): N_("Edit code"),
    ("objective", "kind"): N_("Change kind"),
    ("objective", "status"): N_("Change status"),
    ("objective", "lead_unit_id"): N_("Change lead unit"),
    ("objective", "partners"): N_("Change involved units"),
    ("milestone", "add"): N_("Add milestone"),
    ("milestone", "remove"): N_("Remove milestone"),
    ("milestone", "move"): N_("Move milestone"),
    ("milestone", "period"): N_("Edit milestone period"),
    ("milestone", "due"): N_("Edit milestone due date"),
    ("milestone", "done_on"): N_("Edit milestone done date"),
    ("milestone", "text"): N_("Edit milestone"),
    ("milestone", "done"): N_("Mark milestone done"),
    ("milestone", "reopen"): N_("Reopen milestone"),
    ("indicator", "add"): N_("Add indicator"),
    ("indicator", "remove"): N_("Remove indicator"),
    ("indicator", "name"): N_("Rename indicator"),
    ("indicator", "unit_of_measure"): N_("Edit unit of measure"),
    ("indicator", "value"): N_("Edit indicator value"),
    ("indicator", "target_text"): N_("Edit target in words"),
    ("indicator", "target_date"): N_("Edit target date"),
    ("indicator", "target_done"): N_("Mark target done"),
    ("indicator", "target_open"): N_("Reopen target"),
    # budget
    ("budget amount", "edit"): N_("Edit amount"),
    ("budget amount", "paste"): N_("Paste amounts"),
    ("budget line", "add"): N_("Add budget line"),
    ("budget line", "remove"): N_("Remove budget line"),
    ("budget line", "move"): N_("Move budget line"),
    ("budget line", "indent"): N_("Indent budget line"),
    ("budget line", "outdent"): N_("Outdent budget line"),
    ("budget line", "title"): N_("Rename budget line"),
    ("budget line", "link"): N_("Link budget line to objective"),
    ("budget line", "unlink"): N_("Unlink objective"),
    ("budget line", "allow_negative"): N_("Allow negative amounts"),
    ("budget line", "forbid_negative"): N_("Forbid negative amounts"),
    ("stage", "add"): N_("Add budget stage"),
    ("stage", "rename"): N_("Rename budget stage"),
    ("stage", "remove"): N_("Remove budget stage"),
    ("credit_type", "add"): N_("Add credit type"),
    ("credit_type", "rename"): N_("Rename credit type"),
    ("credit_type", "remove"): N_("Remove credit type"),
    ("sheet", "import"): N_("Import sheet {name}"),
    ("document", "import"): N_("Import {name}"),
    ("outline", "paste"): N_("Paste outline"),
    # staffing
    ("staffing", "edit"): N_("Edit staffing"),
    ("staffing", "paste"): N_("Paste staffing"),
    # the plan, its chapters, units and signatories
    ("plan", "code"): N_("Edit plan code"),
    ("plan", "title"): N_("Edit plan title"),
    ("plan", "organisation"): N_("Edit organisation"),
    ("plan", "period"): N_("Change plan period"),
    ("plan", "languages"): N_("Change plan languages"),
    ("section", "add"): N_("Add chapter"),
    ("section", "remove"): N_("Remove chapter"),
    ("section", "move"): N_("Move chapter"),
    ("section", "title"): N_("Rename chapter"),
    ("section", "body"): N_("Edit chapter text"),
    ("section", "part"): N_("Edit chapter part"),
    ("communication row", "add"): N_("Add communication row"),
    ("communication row", "remove"): N_("Remove communication row"),
    ("communication row", "edit"): N_("Edit communication plan"),
    ("unit", "add"): N_("Add unit"),
    ("unit", "remove"): N_("Remove unit"),
    ("unit", "move"): N_("Move unit"),
    ("unit", "name"): N_("Rename unit"),
    ("unit", "code"): N_("Edit unit code"),
    ("unit", "kind"): N_("Change kind"),
    ("signatory", "add"): N_("Add signatory"),
    ("signatory", "remove"): N_("Remove signatory"),
    ("signatory", "move"): N_("Move signatory"),
    ("signatory", "edit"): N_("Edit signatory"),
    # the diversity plan
    ("diversity", "create"): N_("Create diversity plan"),
    ("diversity", "edit"): N_("Edit diversity plan"),
    ("diversity", "value"): N_("Edit indicator value"),
    ("pillar", "add"): N_("Add pillar"),
    ("pillar", "edit"): N_("Edit pillar"),
    ("pillar", "remove"): N_("Remove pillar"),
    ("pillar", "move"): N_("Move pillar"),
    ("bottleneck", "add"): N_("Add bottleneck"),
    ("bottleneck", "edit"): N_("Edit bottleneck"),
    ("bottleneck", "remove"): N_("Remove bottleneck"),
    ("bottleneck", "move"): N_("Move bottleneck"),
    ("priority", "add"): N_("Add priority"),
    ("priority", "edit"): N_("Edit priority"),
    ("priority", "remove"): N_("Remove priority"),
    ("priority", "move"): N_("Move priority"),
    ("diversity objective", "add"): N_("Add diversity objective"),
    ("diversity objective", "edit"): N_("Edit diversity objective"),
    ("diversity objective", "remove"): N_("Remove diversity objective"),
    ("diversity objective", "move"): N_("Move diversity objective"),
    ("action", "add"): N_("Add action"),
    ("action", "edit"): N_("Edit action"),
    ("action", "remove"): N_("Remove action"),
    ("action", "move"): N_("Move action"),
    ("diversity indicator", "add"): N_("Add indicator"),
    ("diversity indicator", "edit"): N_("Edit indicator"),
    ("diversity indicator", "remove"): N_("Remove indicator"),
    ("diversity indicator", "move"): N_("Move indicator"),
}


def undo_text(what: str, action: str, **values: object) -> str:
    """The translated name of the step ``action`` on ``what`` (``values`` fill it in)."""
    text = _(TEXTS[(what, action)])
    return text.format(**values) if values else text
