"""The demo shop's RFM source and result, for running the RFM widgets alone and for screenshots."""

from __future__ import annotations

from pathlib import Path

import segdesk
from segdesk.core.model.dataset import load_demo
from segdesk.core.rfm import RfmResult, RfmSettings, compute_rfm, purchases_from_tables
from segdesk.core.rfm.purchases import Source

DEMO = Path(segdesk.__file__).parent.parent / "resources" / "demo"


def demo_source() -> Source:
    d = load_demo(DEMO)
    assert d.customers is not None
    return purchases_from_tables(d.customers, d.orders, d.link, d.mapping)


def demo_result(settings: RfmSettings | None = None) -> RfmResult:
    return compute_rfm(demo_source(), settings or RfmSettings())
