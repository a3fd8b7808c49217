"""The shared cache: Django's RedisCache that degrades instead of failing when Redis is down.

Who uses the cache: allauth's rate limits (login, password reset, MFA) and its record of used
TOTP codes (so a code is not accepted twice). Neither may turn a login into a 500 because Redis
is away. On a connection error or timeout this backend logs one warning and serves the call
from a cache of this process (LocMemCache) for `RETRY_AFTER` seconds before it tries Redis
again: the limits and the used-code record then hold per process instead of for the whole
site (degraded, not gone), and the password lockout (django-axes, in the database) is not
affected at all. Short socket timeouts (OPTIONS in config/settings.py) keep a Redis that does
not answer from holding a request.
"""

from __future__ import annotations

import functools
import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)

# Per process, shared by the per-thread backend instances of one LOCATION: monotonic time
# until which Redis is not tried again.
_down_until: dict[str, float] = {}
_lock = threading.Lock()

OPERATIONS = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
)


def redis_cache_reset() -> None:
    """Forget every outage: the next call tries Redis again (tests, after a restart)."""
    with _lock:
        _down_until.clear()


class DegradingRedisCache(RedisCache):
    """RedisCache that falls back to a per-process cache while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._location = server if isinstance(server, str) else ",".join(server)
        self._retry_after = float(params.get("RETRY_AFTER", 10))
        self._fallback = LocMemCache(
            f"degraded-redis:{self._location}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "VERSION": params.get("VERSION", 1),
                "KEY_FUNCTION": params.get("KEY_FUNCTION"),
            },
        )

    def redis_is_down(self) -> bool:
        with _lock:
            until = _down_until.get(self._location)
        return until is not None and time.monotonic() < until

    def _mark_down(self, operation: str, exc: Exception) -> None:
        with _lock:
            _down_until[self._location] = time.monotonic() + self._retry_after
        # One warning per failed try (at most one each RETRY_AFTER seconds), not one per call.
        logger.warning(
            "Redis-cache onbereikbaar (%s bij %s: %s): %.0f s lang de lokale cache van dit "
            "proces, inlogpogingen en gebruikte codes gelden dan per proces",
            type(exc).__name__,
            operation,
            exc,
            self._retry_after,
        )

    def _mark_up(self) -> None:
        if self._location in _down_until:  # cheap check first: the usual case is "never down"
            with _lock:
                if _down_until.pop(self._location, None) is not None:
                    logger.info("Redis-cache weer bereikbaar: gedeelde limieten weer actief")


def _degrading(operation: str):
    redis_method = getattr(RedisCache, operation)

    @functools.wraps(redis_method)
    def method(self: DegradingRedisCache, *args, **kwargs):
        if not self.redis_is_down():
            try:
                result = redis_method(self, *args, **kwargs)
            except REDIS_DOWN as exc:
                self._mark_down(operation, exc)
            else:
                self._mark_up()
                return result
        return getattr(self._fallback, operation)(*args, **kwargs)

    return method


for _operation in OPERATIONS:
    setattr(DegradingRedisCache, _operation, _degrading(_operation))
