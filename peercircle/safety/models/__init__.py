"""Safety models, one module per concern (screening events, blocks, alerts, …); import them from here."""

from peercircle.safety.models.alerts import (
    AlertLevel,
    AlertNote,
    AlertOutcome,
    AlertPage,
    AlertStatus,
    RotaEntry,
    SafetyAlert,
)
from peercircle.safety.models.blocks import Block
from peercircle.safety.models.events import ScreeningEvent

__all__ = ["AlertLevel", "AlertNote", "AlertOutcome", "AlertPage", "AlertStatus", "Block", "RotaEntry",
           "SafetyAlert", "ScreeningEvent"]
