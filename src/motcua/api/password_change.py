"""Revoke a user's API tokens whenever their password changes.

Django calls `password_changed(password, user)` on every configured password validator after a user
whose password was set with `set_password()` is saved: the reset link, the "change password" form, the
admin's "set password", `manage.py changepassword`, our services. That is the one place every password
change goes through, so this hook sits in AUTH_PASSWORD_VALIDATORS (settings.py). Django's silent
re-hash on login (a hasher upgrade) does not call it, so upgrading Django does not log integrations out.
"""

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _


class RevokeApiTokensOnPasswordChange:
    """Not a rule on the password itself: it never refuses one; it only acts once one is saved."""

    def validate(self, password: str, user=None) -> None:
        return None

    def password_changed(self, password: str, user=None) -> None:
        from .auth import tokens_revoke_for_user

        tokens_revoke_for_user(user)

    def get_help_text(self) -> str:
        return _("Đổi mật khẩu sẽ thu hồi mọi mã truy cập API của tài khoản.")


HOOK = f"{__name__}.RevokeApiTokensOnPasswordChange"


@checks.register(checks.Tags.security)
def hook_is_configured(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`manage.py check` fails when AUTH_PASSWORD_VALIDATORS loses the hook (tokens would outlive a
    password change)."""
    if any(entry.get("NAME") == HOOK for entry in settings.AUTH_PASSWORD_VALIDATORS):
        return []
    return [
        checks.Error(
            "AUTH_PASSWORD_VALIDATORS must list the token-revocation hook.",
            hint=f'Add {{"NAME": "{HOOK}"}}: it revokes API tokens when a password changes.',
            id="api.E001",
        )
    ]
