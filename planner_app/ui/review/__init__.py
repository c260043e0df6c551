"""The Review tab: the read-only year review of the plan shown."""
