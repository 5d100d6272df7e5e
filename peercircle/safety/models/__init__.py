"""Safety models, one module per concern (screening events, blocks, alerts, crisis resources, …); import them
from here."""

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
from peercircle.safety.models.boundaries import BoundarySettings
from peercircle.safety.models.crisis import CrisisLine, CrisisPlan
from peercircle.safety.models.events import ScreeningEvent
from peercircle.safety.models.moderation import (
    ActionKind,
    Appeal,
    AppealStatus,
    ModerationAction,
    Report,
    ReportReason,
    ReportStatus,
)

__all__ = ["ActionKind", "AlertLevel", "AlertNote", "AlertOutcome", "AlertPage", "AlertStatus", "Appeal",
           "AppealStatus", "Block", "BoundarySettings", "CrisisLine", "CrisisPlan", "ModerationAction", "Report", "ReportReason",
           "ReportStatus", "RotaEntry", "SafetyAlert", "ScreeningEvent"]
