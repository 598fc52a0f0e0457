"""Self-registration on the public pages: it never tells whether an ID number, tax code, e-mail or
phone is already registered.

Whatever was typed, a registration that passes the format checks gets the same answer (the "check your
e-mail, then log in" page). If every detail is new, the account is created (and a welcome e-mail goes to
the address typed, if any); if any detail is already held, nothing is created and the holders are told
by e-mail that someone tried to register with their details. Registrations are throttled per client IP
(`MOTCUA_REGISTRATION_MAX_PER_IP` within `MOTCUA_REGISTRATION_WINDOW_MINUTES`)."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from motcua.core import clock
from motcua.core.public_url import public_base_url
from motcua.organizations.models import Applicant

from .models import RegistrationAttempt
from .services import Registration, registration_check, registration_create, registration_holders

log = logging.getLogger(__name__)
User = get_user_model()
KEEP_ATTEMPTS = timedelta(days=1)

#: How each detail is named in the e-mail to its holder (Vietnamese, English).
DETAIL_NAMES = {
    "id_number": ("số định danh cá nhân", "personal ID number"),
    "tax_code": ("mã số thuế", "tax code"),
    "email": ("địa chỉ thư điện tử", "e-mail address"),
    "phone": ("số điện thoại", "phone number"),
}


class RegistrationThrottled(ValidationError):
    """Too many registrations from this client IP; `retry_after` in seconds."""

    def __init__(self, until: datetime):
        self.until = until
        self.retry_after = max(1, int((until - clock.now()).total_seconds()) + 1)
        minutes = max(1, round(self.retry_after / 60))
        super().__init__(
            f"Có quá nhiều lượt đăng ký từ địa chỉ mạng này. Vui lòng thử lại sau {minutes} phút. "
            f"/ Too many registrations from this network address. Try again in {minutes} minutes.",
            code="throttled",
        )


@dataclass(frozen=True)
class RegistrationReceipt:
    """What happened, for tests and logs only: the page shows the same thing in both cases.

    `applicant`: the new applicant, or None when a detail was already held; `holders_told`: how many
    e-mail addresses were told of the attempt."""

    applicant: Applicant | None
    holders_told: int = 0


def registration_lockout(ip: str | None) -> datetime | None:
    """Until when registrations from `ip` are refused, or None. An unknown IP is not throttled."""
    if not ip:
        return None
    now = clock.now()
    window = timedelta(minutes=settings.MOTCUA_REGISTRATION_WINDOW_MINUTES)
    limit = settings.MOTCUA_REGISTRATION_MAX_PER_IP
    if limit <= 0:
        return None
    recent = list(
        RegistrationAttempt.objects.filter(ip_address=ip, at__gt=now - window)
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return None
    until = recent[limit - 1] + window
    return until if until > now else None


def _attempt_record(ip: str | None) -> None:
    now = clock.now()
    RegistrationAttempt.objects.filter(at__lt=now - KEEP_ATTEMPTS).delete()
    RegistrationAttempt.objects.create(ip_address=ip, at=now)


def applicant_register_request(data: Registration, *, ip: str | None) -> RegistrationReceipt:
    """The public registration: format errors are a ValidationError by field (as typed, nothing about
    other accounts); too many registrations from `ip` raise RegistrationThrottled (a ValidationError
    with `retry_after`, nothing recorded or created); otherwise create the account, or, when any
    detail is already held, create nothing and tell the holders by e-mail. Both return a receipt."""
    if (until := registration_lockout(ip)) is not None:
        raise RegistrationThrottled(until)
    checked = registration_check(data)
    _attempt_record(ip)
    taken = registration_holders(checked)
    if not taken:
        try:
            applicant = registration_create(checked)
        except IntegrityError:
            taken = registration_holders(checked)  # a concurrent registration won: same as taken
        else:
            _send_welcome(applicant)
            return RegistrationReceipt(applicant=applicant)
    # Spend the time a new account's password hash would take, so the answer's timing is the same.
    User().set_password(data.password)
    return RegistrationReceipt(applicant=None, holders_told=_tell_holders(taken))


def _address_of(holder) -> str:
    """The e-mail address to tell a holder (a User or an Applicant) at, or ''."""
    if isinstance(holder, Applicant):
        return holder.email or (holder.user.email if holder.user_id else "")
    applicant = Applicant.objects.filter(user=holder).only("email").first()
    return holder.email or (applicant.email if applicant else "")


def _urls() -> dict:
    base = public_base_url()
    return {
        "login_url": base + reverse("accounts:login"),
        "reset_url": base + reverse("accounts:password_reset"),
    }


def _tell_holders(taken: dict[str, list]) -> int:
    details_by_address: dict[str, set[str]] = {}
    for field, holders in taken.items():
        for holder in holders:
            if address := _address_of(holder):
                details_by_address.setdefault(address.lower(), set()).add(field)
            else:
                log.info("registration attempt with a %s held by %r, who has no e-mail", field, holder)
    at = timezone.localtime(clock.now())
    for address, fields in sorted(details_by_address.items()):
        ordered = [f for f in DETAIL_NAMES if f in fields]
        context = {
            "details_vi": ", ".join(DETAIL_NAMES[f][0] for f in ordered),
            "details_en": ", ".join(DETAIL_NAMES[f][1] for f in ordered),
            "at": at,
            **_urls(),
        }
        _send(address, "registration_attempt", context)
    return len(details_by_address)


def _send_welcome(applicant: Applicant) -> None:
    if applicant.email:
        _send(applicant.email, "registration_welcome", {"applicant": applicant, **_urls()})


def _send(address: str, template: str, context: dict) -> None:
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"accounts/email/{template}.txt", context)
    EmailMessage(subject, body, None, [address]).send()
