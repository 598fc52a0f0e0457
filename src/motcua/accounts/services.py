"""Writes for accounts. Every refusal is a ValidationError keyed by field, Vietnamese first,
English second."""

from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from motcua.core import clock
from motcua.organizations.models import Applicant, ApplicantKind
from motcua.organizations.validators import ascii_digits, validate_citizen_id, validate_tax_code

from .identifiers import normalise_email, normalise_phone
from .models import LoginAttempt, SsoIdentity
from .selectors import email_taken, phone_taken, phone_variants

User = get_user_model()

MSG_ID_TAKEN = (
    "Số định danh cá nhân này đã được đăng ký. Nếu đó là bạn, hãy đăng nhập hoặc lấy lại mật khẩu. "
    "/ This ID number is already registered. If it is yours, log in or reset your password."
)
MSG_TAX_TAKEN = "Mã số thuế này đã được đăng ký. / This tax code is already registered."
MSG_EMAIL_TAKEN = (
    "Địa chỉ thư điện tử này đã được dùng cho một tài khoản khác. "
    "/ This e-mail address is already used by another account."
)
MSG_PHONE_TAKEN = (
    "Số điện thoại này đã được dùng cho một tài khoản khác. "
    "/ This phone number is already used by another account."
)
MSG_PHONE_INVALID = "Số điện thoại không hợp lệ (ví dụ 0912345678). / Invalid phone number (e.g. 0912345678)."
MSG_EMAIL_INVALID = "Địa chỉ thư điện tử không hợp lệ. / Invalid e-mail address."
MSG_REQUIRED = "Vui lòng nhập thông tin này. / This field is required."


@dataclass(frozen=True)
class Registration:
    """What an applicant types when registering (citizen or organisation)."""

    kind: str
    full_name: str  # a citizen's name, or the organisation's name
    password: str
    phone: str
    email: str = ""
    address: str = ""
    id_number: str = ""  # citizens
    date_of_birth: date | None = None  # citizens
    tax_code: str = ""  # organisations
    representative: str = ""  # organisations: the person who holds the account


def _contact_errors(phone: str, email: str, *, exclude_user=None, email_required: bool = False) -> dict:
    errors: dict[str, list[str]] = {}
    if not phone:
        errors["phone"] = [MSG_PHONE_INVALID]
    elif phone_taken(phone, exclude_user=exclude_user):
        errors["phone"] = [MSG_PHONE_TAKEN]
    if email and email_taken(email, exclude_user=exclude_user):
        errors["email"] = [MSG_EMAIL_TAKEN]
    elif not email and email_required:
        errors["email"] = [MSG_REQUIRED]
    return errors


@dataclass(frozen=True)
class CheckedRegistration:
    """A registration that passed every check that does not look at other accounts."""

    data: Registration
    full_name: str
    person_name: str  # the account holder: the citizen, or the organisation's representative
    phone: str
    email: str
    identifier_field: str  # "id_number" or "tax_code"
    identifier: str


def registration_check(data: Registration) -> CheckedRegistration:
    """Format checks of a registration (names, ID number or tax code, date of birth, phone, e-mail,
    password); raises ValidationError keyed by field. Says nothing about existing accounts."""
    errors: dict[str, list[str]] = {}
    full_name = " ".join(data.full_name.split())
    if not full_name:
        errors["full_name"] = [MSG_REQUIRED]
    phone = normalise_phone(data.phone)
    if not phone:
        errors["phone"] = [MSG_PHONE_INVALID]
    raw_email = (data.email or "").strip()
    email = normalise_email(raw_email)
    if raw_email and not email:
        errors["email"] = [MSG_EMAIL_INVALID]
    elif not email and data.kind == ApplicantKind.ORGANISATION:
        errors["email"] = [MSG_REQUIRED]

    if data.kind == ApplicantKind.CITIZEN:
        identifier_field, identifier = "id_number", ascii_digits(data.id_number).strip()
        try:
            validate_citizen_id(identifier)
        except ValidationError as exc:
            errors["id_number"] = exc.messages
        if data.date_of_birth is None:
            errors["date_of_birth"] = [MSG_REQUIRED]
        elif not date(1900, 1, 1) <= data.date_of_birth <= clock.today():
            errors["date_of_birth"] = ["Ngày sinh không hợp lệ. / The date of birth is not valid."]
        person_name = full_name
    elif data.kind == ApplicantKind.ORGANISATION:
        identifier_field, identifier = "tax_code", ascii_digits(data.tax_code).strip().replace(" ", "")
        try:
            validate_tax_code(identifier)
        except ValidationError as exc:
            errors["tax_code"] = exc.messages
        person_name = " ".join(data.representative.split())
        if not person_name:
            errors["representative"] = [MSG_REQUIRED]
    else:
        raise ValidationError("Loại đối tượng không hợp lệ. / Unknown applicant kind.")

    user = User(username=identifier, first_name=person_name[:150], email=email, phone=phone)
    try:
        validate_password(data.password, user)
    except ValidationError as exc:
        errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    return CheckedRegistration(data, full_name, person_name, phone, email, identifier_field, identifier)


def registration_holders(checked: CheckedRegistration) -> dict[str, list]:
    """Who already holds the registration's details: {field: [User or Applicant, ...]} for the fields
    taken ("id_number"/"tax_code", "email", "phone"); empty when the registration may go ahead.

    The ID number or tax code is taken by any applicant (with or without an account) or username; an
    e-mail or phone by an account or an applicant that has one (in every phone spelling)."""
    field, identifier = checked.identifier_field, checked.identifier
    holders: dict[str, list] = {
        field: [*Applicant.objects.filter(**{field: identifier}), *User.objects.filter(username=identifier)]
    }
    if checked.email:
        holders["email"] = [
            *User.objects.filter(email__iexact=checked.email),
            *Applicant.objects.filter(email__iexact=checked.email, user__isnull=False),
        ]
    variants = phone_variants(checked.phone)
    holders["phone"] = [
        *User.objects.filter(phone__in=variants),
        *Applicant.objects.filter(phone__in=variants, user__isnull=False),
    ]
    return {name: found for name, found in holders.items() if found}


def _taken_message(field: str) -> str:
    return {
        "id_number": MSG_ID_TAKEN,
        "tax_code": MSG_TAX_TAKEN,
        "email": MSG_EMAIL_TAKEN,
        "phone": MSG_PHONE_TAKEN,
    }[field]


def registration_create(checked: CheckedRegistration) -> Applicant:
    """Create the User and its Applicant in one transaction. Raises IntegrityError when a concurrent
    registration won the unique ID number or tax code (nothing is kept)."""
    data = checked.data
    with transaction.atomic():
        user = User(
            username=checked.identifier,
            first_name=checked.person_name[:150],
            email=checked.email,
            phone=checked.phone,
        )
        user.set_password(data.password)
        user.save()
        applicant = Applicant(
            kind=data.kind,
            full_name=checked.full_name,
            id_number=checked.identifier if checked.identifier_field == "id_number" else "",
            tax_code=checked.identifier if checked.identifier_field == "tax_code" else "",
            date_of_birth=data.date_of_birth if data.kind == ApplicantKind.CITIZEN else None,
            phone=checked.phone,
            email=checked.email,
            address=" ".join(data.address.split()),
            user=user,
        )
        applicant.save()
    return applicant


def applicant_register(data: Registration) -> Applicant:
    """Create a User and its linked Applicant together, or nothing at all; a detail already held by
    another account is a field error. For trusted callers (tests, demo data, staff tools): the public
    registration page goes through `motcua.accounts.registration.applicant_register_request`, which
    never says whether a detail is taken."""
    checked = registration_check(data)
    taken = registration_holders(checked)
    if taken:
        raise ValidationError({field: [_taken_message(field)] for field in taken})
    try:
        return registration_create(checked)
    except IntegrityError as exc:
        # Lost a race with a concurrent registration of the same identifier: nothing was kept.
        field = checked.identifier_field
        raise ValidationError({field: [_taken_message(field)]}) from exc


@transaction.atomic
def applicant_update_contact(*, applicant: Applicant, phone: str, email: str, address: str) -> Applicant:
    """The applicant edits their own contact details; the account's login identifiers follow."""
    user = applicant.user
    norm_phone = normalise_phone(phone)
    raw_email = (email or "").strip()
    norm_email = normalise_email(raw_email)
    errors = {}
    if raw_email and not norm_email:
        errors["email"] = [MSG_EMAIL_INVALID]
    errors = {
        **_contact_errors(
            norm_phone,
            norm_email,
            exclude_user=user,
            email_required=applicant.kind == ApplicantKind.ORGANISATION,
        ),
        **errors,
    }
    if errors:
        raise ValidationError(errors)
    applicant.phone, applicant.email, applicant.address = norm_phone, norm_email, " ".join(address.split())
    applicant.save(update_fields=["phone", "email", "address", "search_text"])
    if user is not None:
        user.phone, user.email = norm_phone, norm_email
        user.save(update_fields=["phone", "email"])
    return applicant


@transaction.atomic
def applicant_change_identifier(
    *, actor, applicant: Applicant, id_number: str = "", tax_code: str = ""
) -> Applicant:
    """Correct an ID number or tax code: staff only (the applicant cannot change who they are)."""
    if not (actor.is_active and actor.is_staff):
        raise PermissionDenied(
            "Chỉ cán bộ mới được sửa số định danh hoặc mã số thuế. "
            "/ Only staff may change an ID number or tax code."
        )
    id_number, tax_code = ascii_digits(id_number).strip(), ascii_digits(tax_code).strip()
    if applicant.kind == ApplicantKind.CITIZEN:
        validate_citizen_id(id_number)
        if Applicant.objects.filter(id_number=id_number).exclude(pk=applicant.pk).exists():
            raise ValidationError({"id_number": [MSG_ID_TAKEN]})
        applicant.id_number = id_number
    else:
        validate_tax_code(tax_code)
        if Applicant.objects.filter(tax_code=tax_code).exclude(pk=applicant.pk).exists():
            raise ValidationError({"tax_code": [MSG_TAX_TAKEN]})
        applicant.tax_code = tax_code
    applicant.save()
    return applicant


KEEP_ATTEMPTS = timedelta(days=1)


def login_attempt_record(*, identifier: str, ip: str | None, succeeded: bool, user=None) -> LoginAttempt:
    """Remember one password login attempt (`user`: the account the identifier named, if any); rows
    older than a day are dropped on the way."""
    now = clock.now()
    LoginAttempt.objects.filter(at__lt=now - KEEP_ATTEMPTS).delete()
    return LoginAttempt.objects.create(
        identifier=identifier, ip_address=ip, succeeded=succeeded, at=now, user=user
    )


@dataclass(frozen=True)
class SsoClaims:
    """What an OpenID Connect provider told us about the person, already validated."""

    provider: str
    subject: str
    id_number: str
    full_name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    date_of_birth: date | None = None


def applicant_sign_in_with_sso(claims: SsoClaims):
    """The user for a validated SSO identity: linked before, found by ID number, or created.

    The provider (VNeID model) is authoritative for the ID number, so an existing applicant with that
    number is linked to this identity."""
    with transaction.atomic():
        identity = (
            SsoIdentity.objects.select_related("user")
            .filter(provider=claims.provider, subject=claims.subject)
            .first()
        )
        if identity is not None:
            identity.last_login_at = clock.now()
            identity.save(update_fields=["last_login_at"])
            return identity.user

        claims = replace(claims, id_number=ascii_digits(claims.id_number).strip())
        try:
            validate_citizen_id(claims.id_number)
        except ValidationError as exc:
            raise ValidationError(
                "Nhà cung cấp đăng nhập không trả về số định danh cá nhân hợp lệ. "
                "/ The sign-in provider did not return a valid personal ID number."
            ) from exc
        applicant = Applicant.objects.select_for_update().filter(id_number=claims.id_number).first()
        phone = normalise_phone(claims.phone)
        email = normalise_email(claims.email)
        if phone and phone_taken(phone):
            phone = ""
        if email and email_taken(email):
            email = ""
        if applicant is None:
            applicant = Applicant(
                kind=ApplicantKind.CITIZEN,
                full_name=" ".join(claims.full_name.split()) or claims.id_number,
                id_number=claims.id_number,
                date_of_birth=claims.date_of_birth,
                phone=phone,
                email=email,
                address=claims.address[:255],
            )
        user = applicant.user
        if user is None:
            username = claims.id_number
            if User.objects.filter(username=username).exists():
                username = f"{claims.provider}-{claims.subject}"[:150]
            user = User(username=username, first_name=applicant.full_name[:150], email=email, phone=phone)
            user.set_unusable_password()
            user.save()
            applicant.user = user
            applicant.save()
        SsoIdentity.objects.create(
            provider=claims.provider, subject=claims.subject, user=user, last_login_at=clock.now()
        )
        return user
