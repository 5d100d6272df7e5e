"""A small fixed-window counter in the cache, for limits on things anyone can send.

The cache is local memory in the embedded setup and Redis once `REDIS_URL` is set, so the
counts hold across any number of web processes there."""

from django.core.cache import cache


def rate_limit_hit(*, scope: str, who: str, limit: int, window_seconds: int) -> bool:
    """Count one more action by `who` in `scope`; False when it goes over `limit` in the
    current window (the caller refuses it). `add` then `incr` keeps concurrent hits exact."""
    key = f"ratelimit:{scope}:{who}"
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr: a new window starts
        cache.add(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
