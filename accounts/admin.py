from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from core.admin import AppendOnlyAdmin, ReadOnlyAdmin

from .models import PasswordLockout, SecondFactorDevice, SecondFactorFailure, User
from .services import second_factor_unlock

# What the beheerder need not see: roles are a field of the user, not groups; the login is by
# user name (no e-mail addresses to manage); sessions end by themselves (accounts.signals);
# axes' logs of every login. Second-factor devices and password lockouts are kept, under Dutch
# names below, because lifting them is the beheerder's work.
for model in (Group, EmailAddress, UserSession, AccessLog, AccessFailureLog):
    admin.site.unregister(model)
# Replaced by the proxies below.
admin.site.unregister(Authenticator)
admin.site.unregister(AccessAttempt)


def _without_groups(fields: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name for name in fields if name not in ("groups", "user_permissions"))


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "region", "school", "is_active")
    list_filter = ("role", "region", "is_active")
    # Django's fieldsets without groups and per-user permissions: what a user may do follows
    # from the role (the groups admin is hidden above).
    fieldsets = (
        *(
            (name, {**options, "fields": _without_groups(options["fields"])})
            for name, options in BaseUserAdmin.fieldsets
        ),
        (
            _("Rol en werkgebied"),
            {"fields": ("role", "region", "school", "organisation", "function", "phone")},
        ),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Rol en werkgebied"), {"fields": ("role", "region", "school", "organisation")}),
    )


@admin.register(SecondFactorFailure)
class SecondFactorFailureAdmin(AppendOnlyAdmin):
    """The record of refused second-step codes; read-only, but the beheerder can lift a lock."""

    list_display = ("at", "user", "outcome", "ip_address", "reset")
    list_filter = ("outcome", "reset")
    search_fields = ("user__username",)
    actions = ["unlock"]

    @admin.action(description=_("Blokkade van de tweede inlogstap opheffen"))
    def unlock(self, request, queryset) -> None:
        users = User.objects.filter(pk__in=queryset.values("user_id"))
        for user in users:
            second_factor_unlock(user=user)
        self.message_user(request, _("Blokkade opgeheven voor %d gebruiker(s).") % len(users))


@admin.register(SecondFactorDevice)
class SecondFactorDeviceAdmin(ReadOnlyAdmin):
    """Remove a lost phone or key; never shows the secret (allauth's `data`)."""

    list_display = ("user", "kind", "added", "last_used")
    list_select_related = ("user",)
    search_fields = ("user__username", "user__last_name")
    fields = ("user", "kind", "added", "last_used")
    readonly_fields = fields

    @admin.display(description=_("soort"), ordering="type")
    def kind(self, obj: SecondFactorDevice) -> str:
        return obj.kind

    @admin.display(description=_("toegevoegd op"), ordering="created_at")
    def added(self, obj: SecondFactorDevice):
        return obj.created_at

    @admin.display(description=_("laatst gebruikt"), ordering="last_used_at")
    def last_used(self, obj: SecondFactorDevice):
        return obj.last_used_at


@admin.register(PasswordLockout)
class PasswordLockoutAdmin(ReadOnlyAdmin):
    """Wrong passwords per user name (django-axes); deleting the row lifts the lock."""

    list_display = ("user_name", "failures", "locked", "last_try", "ip")
    search_fields = ("username",)
    fields = ("user_name", "failures", "locked", "last_try", "ip")
    readonly_fields = fields
    ordering = ("-attempt_time",)

    @admin.display(description=_("gebruikersnaam"), ordering="username")
    def user_name(self, obj: PasswordLockout) -> str:
        return obj.username

    @admin.display(description=_("mislukte pogingen"), ordering="failures_since_start")
    def failures(self, obj: PasswordLockout) -> int:
        return obj.failures_since_start

    @admin.display(description=_("geblokkeerd"), boolean=True)
    def locked(self, obj: PasswordLockout) -> bool:
        return obj.failures_since_start >= settings.AXES_FAILURE_LIMIT

    @admin.display(description=_("laatste poging"), ordering="attempt_time")
    def last_try(self, obj: PasswordLockout):
        return obj.attempt_time

    @admin.display(description=_("IP-adres"))
    def ip(self, obj: PasswordLockout) -> str:
        return obj.ip_address
