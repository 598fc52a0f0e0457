"""Reads for accounts: who a login identifier names, whether logins are throttled, an account's profile."""

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from motcua.core import clock
from motcua.organizations.models import Applicant
from motcua.organizations.selectors import user_role_grants
from motcua.organizations.validators import ascii_digits

from .identifiers import normalise_email, normalise_identifier, normalise_phone
from .models import LoginAttempt

User = get_user_model()


def user_find_for_login(identifier: str):
    """The one active-or-not user an e-mail, phone or username names; None when none or ambiguous."""
    identifier = ascii_digits(identifier).strip()
    if not identifier:
        return None
    if email := normalise_email(identifier):
        query = Q(email__iexact=email)
    elif phone := normalise_phone(identifier):
        query = Q(phone__in=phone_variants(phone))
    else:
        query = Q(username__iexact=identifier)
    users = list(User.objects.filter(query)[:2])
    return users[0] if len(users) == 1 else None


def phone_variants(phone: str) -> list[str]:
    """Stored forms of one normalised phone number (older rows may keep +84)."""
    return [phone, "+84" + phone[1:], "84" + phone[1:]]


def email_taken(email: str, *, exclude_user=None) -> bool:
    users = User.objects.filter(email__iexact=email)
    applicants = Applicant.objects.filter(email__iexact=email)
    if exclude_user is not None:
        users = users.exclude(pk=exclude_user.pk)
        applicants = applicants.exclude(user=exclude_user)
    return users.exists() or applicants.filter(user__isnull=False).exists()


def phone_taken(phone: str, *, exclude_user=None) -> bool:
    """Whether an account, or an applicant that has one, holds this phone (in any stored spelling)."""
    variants = phone_variants(phone)
    users = User.objects.filter(phone__in=variants)
    applicants = Applicant.objects.filter(phone__in=variants, user__isnull=False)
    if exclude_user is not None:
        users = users.exclude(pk=exclude_user.pk)
        applicants = applicants.exclude(user=exclude_user)
    return users.exists() or applicants.exists()


def applicant_of(user) -> Applicant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Applicant.objects.filter(user=user).first()


@dataclass(frozen=True)
class Lockout:
    """Password logins are refused until `until` (because of the identifier, the IP, or both)."""

    until: datetime
    reason: str  # "account", "identifier" (no account answers to it) or "ip"

    @property
    def retry_after_seconds(self) -> int:
        return max(1, int((self.until - clock.now()).total_seconds()) + 1)


def _window() -> timedelta:
    return timedelta(minutes=settings.MOTCUA_LOGIN_WINDOW_MINUTES)


def _lockout_from(failures: list[datetime], limit: int) -> datetime | None:
    """Failures newest first: locked while `limit` of them are inside the window."""
    if limit <= 0 or len(failures) < limit:
        return None
    return failures[limit - 1] + _window()


def login_subject(typed: str) -> tuple[str, object | None]:
    """What a typed login is counted under: (normalised identifier, the account it names or None)."""
    return normalise_identifier(typed), user_find_for_login(typed)


def login_lockout(*, identifier: str, ip: str | None, user=None) -> Lockout | None:
    """Whether a password login must be refused now: for the account `user` (whichever of its
    username, e-mail or phone was typed), else for the (normalised) identifier no account answers to,
    and for the client IP.

    Per account or identifier, failures count since the last success; per IP they always count
    (logging into one's own account must not reset an attacker's count)."""
    now = clock.now()
    since = now - _window()
    found: list[Lockout] = []
    if user is not None or identifier:
        limit = settings.MOTCUA_LOGIN_MAX_FAILURES_PER_IDENTIFIER
        if user is not None:
            attempts = LoginAttempt.objects.filter(user=user, at__gt=since)
        else:
            attempts = LoginAttempt.objects.filter(identifier=identifier, user__isnull=True, at__gt=since)
        attempts = attempts.order_by("-at")
        last_success = attempts.filter(succeeded=True).values_list("at", flat=True).first()
        failures = attempts.filter(succeeded=False)
        if last_success is not None:
            failures = failures.filter(at__gt=last_success)
        until = _lockout_from(list(failures.values_list("at", flat=True)[:limit]), limit)
        if until and until > now:
            found.append(Lockout(until=until, reason="account" if user is not None else "identifier"))
    if ip:
        limit = settings.MOTCUA_LOGIN_MAX_FAILURES_PER_IP
        failures = LoginAttempt.objects.filter(ip_address=ip, succeeded=False, at__gt=since).order_by("-at")
        until = _lockout_from(list(failures.values_list("at", flat=True)[:limit]), limit)
        if until and until > now:
            found.append(Lockout(until=until, reason="ip"))
    return max(found, key=lambda lockout: lockout.until) if found else None


def client_ip(request) -> str | None:
    """The client's address as the per-address limits count it (login, registration, public lookup):
    REMOTE_ADDR, or the header a trusted reverse proxy sets (settings). An IPv4 address as it is (an
    IPv4-mapped IPv6 address as its IPv4); an IPv6 address as its /64 network ("2001:db8:1:2::"),
    because one subscriber holds a whole /64 and could otherwise try 2^64 addresses (RFC 6177).
    None when there is no valid address."""
    if request is None:
        return None
    header = settings.MOTCUA_CLIENT_IP_HEADER
    value = (request.META.get(header) if header else None) or request.META.get("REMOTE_ADDR") or ""
    value = value.split(",")[0].strip()
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
    return str(address)


def landing_url_for(user) -> str:
    """Where a person lands after logging in: officers on their worklist, applicants on their dossiers."""
    if user_role_grants(user):
        return reverse("backoffice:worklist")
    if getattr(user, "applicant", None) is not None:
        return reverse("portal:my_dossiers")
    return reverse("accounts:profile")
