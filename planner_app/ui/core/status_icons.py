"""Small coloured discs that show an objective's status at a glance."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from planner_app.domain.enums import Status

STATUS_COLOURS: dict[Status, str] = {
    Status.NOT_STARTED: "#9e9e9e",  # grey
    Status.ON_SCHEDULE: "#2e9d4a",  # green
    Status.DONE: "#2f6fd6",  # blue
    Status.DELAYED: "#f08c00",  # orange
    Status.ACTION_NEEDED: "#d6332f",  # red
    Status.NOT_APPLICABLE: "#e0e0e0",  # pale grey: nothing to do
}

_SIZES = (12, 16, 24, 32)
_cache: dict[Status, QIcon] = {}


def _disc(colour: QColor, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colour.darker(130), max(1.0, size / 16)))
    painter.setBrush(colour)
    margin = size * 0.15
    painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    painter.end()
    return pixmap


def status_icon(status: Status) -> QIcon:
    """The disc for ``status`` (made once per status; needs a QGuiApplication)."""
    icon = _cache.get(status)
    if icon is None:
        icon = QIcon()
        colour = QColor(STATUS_COLOURS[status])
        for size in _SIZES:
            icon.addPixmap(_disc(colour, size))
        _cache[status] = icon
    return icon
