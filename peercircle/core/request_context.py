"""The current request's client address, for audit entries written deep inside services."""

from contextvars import ContextVar

_ip: ContextVar[str | None] = ContextVar("peercircle_request_ip", default=None)


def set_current_ip(value: str | None):
    return _ip.set(value)


def reset_current_ip(token) -> None:
    _ip.reset(token)


def current_ip() -> str | None:
    return _ip.get()
