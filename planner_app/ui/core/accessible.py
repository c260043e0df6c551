"""Names a screen reader says: form fields named by their labels, views and charts by
what they show.

Qt hands assistive technology (AT-SPI on Linux, UIA on Windows) each widget's
accessible name: its own, else its text, else the label whose buddy it is. Our forms
put a field and its translation hint in one box, so the label's buddy was the box and
the field itself had no name; ``name_form_fields`` makes each label the buddy of the
control it stands for (or names the controls of a row that holds several).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QFormLayout, QLabel, QLayout, QWidget

from planner_app.ui.core.labels import one_line


def _controls(item_widget: QWidget | None, layout: QLayout | None) -> list[QWidget]:
    """The focusable widgets of a form row's field (a widget, a box or a layout)."""
    found: list[QWidget] = []
    if item_widget is not None:
        for widget in (item_widget, *item_widget.findChildren(QWidget)):
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not widget.isWindow():
                found.append(widget)
        return _outermost(found)
    if layout is not None:
        for i in range(layout.count()):
            item = layout.itemAt(i)
            found += _controls(item.widget(), item.layout())
    return found


def _outermost(widgets: list[QWidget]) -> list[QWidget]:
    """Leave out a control's own parts (a spin box's line edit, a view's viewport)."""
    chosen = set(widgets)
    return [w for w in widgets if not _inside(w, chosen)]


def _inside(widget: QWidget, chosen: set[QWidget]) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent in chosen:
            return True
        parent = parent.parentWidget()
    return False


def name_form_fields(root: QWidget) -> None:
    """Each form label under ``root`` names the control of its row (its buddy); the
    controls of a row with several are named "label 1", "label 2" unless named."""
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label_item is None or field_item is None:
                continue
            label = label_item.widget()
            if not isinstance(label, QLabel) or not label.text().strip():
                continue
            controls = [
                c
                for c in _controls(field_item.widget(), field_item.layout())
                if not c.accessibleName()
            ]
            if len(controls) == 1:
                label.setBuddy(controls[0])
            else:
                text = one_line(label.text()).rstrip(":")
                for number, control in enumerate(controls, 1):
                    control.setAccessibleName(f"{text} {number}")


def spoken_cell(index: QModelIndex | QPersistentModelIndex) -> str:
    """A figure cell as a screen reader says it: "Personeel, 2025 INI VL: 1.234,5";
    the first column says its own text."""
    model = index.model()
    display = index.data(Qt.ItemDataRole.DisplayRole)
    text = one_line(str(display)) if display not in (None, "") else "—"
    if index.column() == 0:
        return text
    row = index.siblingAtColumn(0).data(Qt.ItemDataRole.DisplayRole) or ""
    header = model.headerData(index.column(), Qt.Orientation.Horizontal) or ""
    header = " ".join(str(header).split())
    return f"{one_line(str(row))}, {header}: {text}" if row else f"{header}: {text}"


def no_tab_traps(root: QWidget) -> None:
    """Tab leaves every table under ``root`` (WCAG 2.1.2, no keyboard trap).

    A QTableView moves Tab from cell to cell and wraps round at its last cell, so a
    keyboard user could not Tab past the diversity or indicator tables. Arrows move
    between cells; in a cell being edited, Tab still commits it and edits the next one.
    """
    for view in root.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)
