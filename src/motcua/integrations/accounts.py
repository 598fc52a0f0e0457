"""Integration accounts: the service account the national portal's inbound calls with.

Only an explicitly given permission makes one (directly or through a group; a superuser's implicit
"every permission" does not): `integrations.receive_national_dossiers`. Create one with
`manage.py integration_account <username>` (docs/integrations.md)."""

from django.contrib.auth.models import Permission

APP_LABEL = "integrations"
CODENAME = "receive_national_dossiers"
PERMISSION = f"{APP_LABEL}.{CODENAME}"


def is_integration_account(user) -> bool:
    """True when `user` is active and holds the inbound permission explicitly (one query, cached on
    the user object for the request)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cached = getattr(user, "_motcua_integration", None)
    if cached is None:
        perms = Permission.objects.filter(content_type__app_label=APP_LABEL, codename=CODENAME)
        cached = perms.filter(user=user).exists() or perms.filter(group__user=user).exists()
        user._motcua_integration = cached
    return cached


def grant(user) -> None:
    """Give `user` the inbound permission (the command and tests)."""
    permission = Permission.objects.get(content_type__app_label=APP_LABEL, codename=CODENAME)
    user.user_permissions.add(permission)
    user._motcua_integration = None
