"""The Qt user interface: main window, item models, panes and dialogs.

Only this package (and the bootstrap ``planner_app.app``) imports Qt. Widgets and models
read plan data through service functions and hold ids and plain values, never ORM
objects or sessions.
"""

from planner_app.ui.emit_refcount import install as _install_emit_fix

_install_emit_fix()  # before any of this package's signals is emitted
