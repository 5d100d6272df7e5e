"""Safety models, one module per concern (screening events, blocks, …); import them from here."""

from peercircle.safety.models.blocks import Block
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

__all__ = ["ActionKind", "Appeal", "AppealStatus", "Block", "ModerationAction", "Report", "ReportReason",
           "ReportStatus", "ScreeningEvent"]
