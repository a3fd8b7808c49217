from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by the beheerder; nobody signs up. Logging out ends every
    session of the user, on every device."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def logout(self, request) -> None:
        from allauth.usersessions.models import UserSession

        user = request.user
        if user.is_authenticated:
            for session in UserSession.objects.filter(user_id=user.pk):
                if session.session_key != request.session.session_key:
                    session.end()
        super().logout(request)


def lockout_username(request, credentials: dict | None = None) -> str | None:
    """The key django-axes locks on: the username as allauth matches it at login (trimmed,
    any case), so "CM", " cm" and "Cm" count as failures of the same account."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        data = getattr(request, "POST", {})
        username = data.get("login") or data.get("username")
    return username.strip().lower() if username else username
