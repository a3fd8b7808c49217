from django import template

from notifications.services import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    """One COUNT over the partial index notification_unread."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return unread_count(user) if user is not None else 0
