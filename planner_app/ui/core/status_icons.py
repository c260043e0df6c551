"""Small status marks that tell a status by shape as well as by colour.

Status is never shown by colour alone (EN 301 549 / WCAG 1.4.1, issue 32): each status
has its own shape (an open ring, a disc, a tick, a triangle, a diamond), so a reader who
cannot tell green from red, or prints in grey, still tells them apart; the word is shown
beside the mark wherever there is room.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from planner_app.domain.enums import Status

STATUS_COLOURS: dict[Status, str] = {
    Status.NOT_STARTED: "#9e9e9e",  # grey
    Status.ON_SCHEDULE: "#2e9d4a",  # green
    Status.DONE: "#2f6fd6",  # blue
    Status.DELAYED: "#f08c00",  # orange
    Status.ACTION_NEEDED: "#d6332f",  # red
    Status.NOT_APPLICABLE: "#e0e0e0",  # pale grey: nothing to do
}


class Shape(Enum):
    RING = "ring"  # nothing yet
    DISC = "disc"  # going as planned
    TICK = "tick"  # done
    TRIANGLE = "triangle"  # a warning
    DIAMOND = "diamond"  # act now
    DASH = "dash"  # nothing to judge by


STATUS_SHAPES: dict[Status, Shape] = {
    Status.NOT_STARTED: Shape.RING,
    Status.ON_SCHEDULE: Shape.DISC,
    Status.DONE: Shape.TICK,
    Status.DELAYED: Shape.TRIANGLE,
    Status.ACTION_NEEDED: Shape.DIAMOND,
    Status.NOT_APPLICABLE: Shape.DASH,  # nothing to do: nothing to judge by
}

_SIZES = (12, 16, 24, 32)
_cache: dict[tuple[Shape, str], QIcon] = {}


def _draw(shape: Shape, colour: QColor, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    line = max(1.0, size / 12)
    painter.setPen(QPen(colour.darker(130), line))
    painter.setBrush(colour)
    m = size * 0.12
    box = QRectF(m, m, size - 2 * m, size - 2 * m)
    if shape is Shape.RING:
        painter.setPen(QPen(colour.darker(120), max(1.5, size / 7)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(box.adjusted(line, line, -line, -line))
    elif shape is Shape.DISC:
        painter.drawEllipse(box)
    elif shape is Shape.TICK:
        painter.drawEllipse(box)
        tick = QPainterPath(QPointF(size * 0.3, size * 0.52))
        tick.lineTo(QPointF(size * 0.45, size * 0.67))
        tick.lineTo(QPointF(size * 0.72, size * 0.35))
        painter.setPen(QPen(QColor("#ffffff"), max(1.5, size / 8)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(tick)
    elif shape is Shape.TRIANGLE:
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(size / 2, m),
                    QPointF(size - m, size - m),
                    QPointF(m, size - m),
                ]
            )
        )
    elif shape is Shape.DIAMOND:
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(size / 2, m),
                    QPointF(size - m, size / 2),
                    QPointF(size / 2, size - m),
                    QPointF(m, size / 2),
                ]
            )
        )
    else:  # DASH
        painter.drawRect(QRectF(m, size * 0.4, size - 2 * m, size * 0.2))
    painter.end()
    return pixmap


def shape_icon(shape: Shape, colour: str) -> QIcon:
    """The mark of ``shape`` in ``colour`` at every size (made once; needs a
    QGuiApplication)."""
    icon = _cache.get((shape, colour))
    if icon is None:
        icon = QIcon()
        for size in _SIZES:
            icon.addPixmap(_draw(shape, QColor(colour), size))
        _cache[(shape, colour)] = icon
    return icon


def status_icon(status: Status) -> QIcon:
    """The mark for an objective's ``status``: its own shape and colour."""
    return shape_icon(STATUS_SHAPES[status], STATUS_COLOURS[status])
