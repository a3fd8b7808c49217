"""The health check: /healthz reports whether the database and Redis answer."""

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database_ok() -> bool:
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def _redis_status() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    try:
        import redis

        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1).ping()
        return "ok"
    except Exception:
        return "unreachable"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database = "ok" if _database_ok() else "unreachable"
    redis_status = _redis_status()
    healthy = database == "ok"  # Redis down degrades reminders, not the site
    return JsonResponse(
        {"status": "ok" if healthy else "error", "database": database, "redis": redis_status},
        status=200 if healthy else 503,
    )
