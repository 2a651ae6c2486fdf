"""Review progress in the status bar: "312 of 1,204 lines reviewed (26%)" and a bar."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from app.core.review import reviewed_percent

__all__ = ["ReviewProgress"]


class ReviewProgress(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewProgress")
        self.label = QLabel()
        self.label.setObjectName("reviewProgressLabel")
        self.bar = QProgressBar()
        self.bar.setObjectName("reviewProgressBar")
        self.bar.setAccessibleName(self.tr("Review progress"))
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(140)
        self.bar.setMaximumHeight(12)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self.set_progress(0, 0)

    def set_progress(self, reviewed: int, total: int) -> None:
        percent = reviewed_percent(reviewed, total)  # the rule the exports use too
        self.label.setText(
            self.tr("%1 of %2 lines reviewed (%3%)")
            .replace("%1", f"{reviewed:,}")
            .replace("%2", f"{total:,}")
            .replace("%3", str(percent))
        )
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(reviewed)
