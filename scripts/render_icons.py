"""Render resources/icons/planner-app.svg to the PNG sizes and the Windows .ico the app
and the installers use: ``QT_QPA_PLATFORM=offscreen python scripts/render_icons.py``."""

from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)


def main() -> None:
    app = QGuiApplication([])  # noqa: F841 (Qt's painting needs one)
    renderer = QSvgRenderer(str(ICONS / "planner-app.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"planner-app-{size}.png"))
    Image.open(ICONS / "planner-app-256.png").save(
        ICONS / "planner-app.ico", sizes=[(s, s) for s in SIZES]
    )


if __name__ == "__main__":
    main()
