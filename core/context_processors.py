from django.conf import settings


def navigation(request):
    return {
        "mfa_required": settings.MFA_REQUIRED,
        "production": settings.PRODUCTION,
    }
