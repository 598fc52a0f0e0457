"""One authentication backend for everyone: e-mail, phone number or username, with throttling.

Failures count per account, whichever of its username, e-mail or phone is typed (per identifier when
no account answers to it), and per client IP. Every password login goes through here: the login page,
the admin, and the API's `POST /api/v1/auth/token`, so they share one limit.

It replaces Django's ModelBackend (it inherits its permission checks), so the admin login is
throttled too. A throttled attempt raises PermissionDenied, which stops `authenticate()` at once."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from motcua.demo import mode as demo_mode

from .selectors import client_ip, login_lockout, login_subject
from .services import login_attempt_record


class EmailPhoneOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not username or password is None:
            return None
        identifier, user = login_subject(username)
        ip = client_ip(request)
        if login_lockout(identifier=identifier, ip=ip, user=user) is not None:
            raise PermissionDenied("login throttled")
        if user is None:
            # Spend the same time as a real check so unknown accounts cannot be told apart.
            get_user_model()().set_password(password)
            ok = False
        else:
            ok = user.check_password(password) and self.user_can_authenticate(user)
            ok = ok and not demo_mode.password_refused(password)  # the demo's password, in production
        login_attempt_record(identifier=identifier, ip=ip, succeeded=ok, user=user)
        return user if ok else None
