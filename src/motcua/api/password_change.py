"""Revoke a user's API tokens whenever their password changes.

Django calls `password_changed(password, user)` on every configured password validator after a user
whose password was set with `set_password()` is saved: the reset link, the "change password" form, the
admin's "set password", `manage.py changepassword`, our services. That is the one place every password
change goes through, so this hook sits in AUTH_PASSWORD_VALIDATORS (settings.py). Django's silent
re-hash on login (a hasher upgrade) does not call it, so upgrading Django does not log integrations out.
"""

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
