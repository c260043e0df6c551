"""The Qt user interface: main window, item models, panes and dialogs.

Only this package (and the bootstrap ``planner_app.app``) imports Qt. Widgets and models
read plan data through service functions and hold ids and plain values, never ORM
objects or sessions.
"""

from planner_app.ui.core.refcount_fix import install as _install_refcount_fix

_install_refcount_fix()  # before this package makes its first call into Qt
