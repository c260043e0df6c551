"""What every feature of the UI shares: the open plan (``PlanDocument``), the undo
command template (``command``), following a document (``DocumentBound``), background
jobs, the typed settings, labels, and small widgets and helpers used by several panes."""
