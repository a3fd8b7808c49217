from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "region", "school", "is_active")
    list_filter = ("role", "region", "is_active")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            _("Rol en werkgebied"),
            {"fields": ("role", "region", "school", "organisation", "function", "phone")},
        ),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Rol en werkgebied"), {"fields": ("role", "region", "school", "organisation")}),
    )
