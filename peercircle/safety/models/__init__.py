"""Safety models, one module per concern (screening events, blocks, …); import them from here."""

from peercircle.safety.models.blocks import Block
from peercircle.safety.models.events import ScreeningEvent

__all__ = ["Block", "ScreeningEvent"]
