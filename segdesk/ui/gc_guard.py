"""Python's cyclic garbage collector runs only on the GUI thread while the app is up.

Why: an automatic collection starts in whichever thread happens to allocate. When that is a worker (an import or
RFM scoring on the thread pool), it walks PySide's wrappers while the GUI thread is changing the Qt objects
behind them, and the process crashes (seen as a segfault in ``subtract_refs`` under ``libshiboken6``). pyqtgraph
ships the same remedy (``pyqtgraph.util.garbage_collector``): turn automatic collection off and collect from a
GUI-thread timer, generation by generation, when the usual thresholds are passed. Reference counting, which frees
almost everything, is unaffected.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread checks whether a collection is due.
INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self, interval=INTERVAL_MS)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()

    def collect_if_due(self) -> None:
        """Collect the generations whose thresholds are passed, as the automatic collector would."""
        young, middle, old = gc.get_count()
        if young > self._threshold[0]:
            gc.collect(0)
            if middle > self._threshold[1]:
                gc.collect(1)
                if old > self._threshold[2]:
                    gc.collect(2)
