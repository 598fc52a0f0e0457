"""Account pages. Views only translate HTTP to the forms, services and selectors."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core.public_url import public_base_url
from motcua.organizations.models import ApplicantKind

from . import sso
from .forms import (
    CitizenRegistrationForm,
    ContactForm,
    LoginForm,
    NewPasswordForm,
    OrganisationRegistrationForm,
    ResetRequestForm,
)
from .registration import RegistrationThrottled, applicant_register_request
from .selectors import applicant_of, client_ip, landing_url_for
from .services import Registration, applicant_sign_in_with_sso, applicant_update_contact

BACKEND = "motcua.accounts.backends.EmailPhoneOrUsernameBackend"


def register_choice(request):
    return render(request, "accounts/register_choice.html")


def _register(request, form_class, kind: str, template: str):
    """The registration form. A registration that passes the format checks always lands on the same
    "received" page, whether it created an account or an existing holder was told (registration.py)."""
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            applicant_register_request(
                Registration(
                    kind=kind,
                    full_name=data["full_name"],
                    password=data["password"],
                    phone=data["phone"],
                    email=data.get("email", ""),
                    address=data.get("address", ""),
                    id_number=data.get("id_number", ""),
                    date_of_birth=data.get("date_of_birth"),
                    tax_code=data.get("tax_code", ""),
                    representative=data.get("representative", ""),
                ),
                ip=client_ip(request),
            )
        except RegistrationThrottled as exc:
            form.add_service_errors(exc)
            response = render(
                request, template, {"form": form, "sso_providers": sso.configured()}, status=429
            )
            response["Retry-After"] = str(exc.retry_after)
            return response
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            return redirect("accounts:register_done")
    return render(request, template, {"form": form, "sso_providers": sso.configured()})


def register_done(request):
    return render(request, "accounts/register_done.html")


def register_citizen(request):
    return _register(
        request, CitizenRegistrationForm, ApplicantKind.CITIZEN, "accounts/register_citizen.html"
    )


def register_organisation(request):
    return _register(
        request,
        OrganisationRegistrationForm,
        ApplicantKind.ORGANISATION,
        "accounts/register_organisation.html",
    )


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return landing_url_for(self.request.user)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "sso_providers": sso.configured()}


class LogoutView(auth_views.LogoutView):
    pass


@login_required
def profile(request):
    applicant = applicant_of(request.user)
    form = None
    if applicant is not None:
        initial = {"phone": applicant.phone, "email": applicant.email, "address": applicant.address}
        form = ContactForm(request.POST if request.method == "POST" else None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                applicant_update_contact(applicant=applicant, **form.cleaned_data)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("Đã lưu thông tin liên hệ."))
                return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"applicant": applicant, "form": form})


# Password reset: Django's views, Vietnamese templates, our namespaced URLs.
class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # The link's address: MOTCUA_PUBLIC_URL (or, in development, this request's), never a Host
        # header that production did not configure (motcua.core.public_url).
        self.extra_email_context = {"public_url": public_base_url()}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


# Single sign-on.
def _provider(slug: str):
    provider = sso.get(slug)
    if provider is None or not provider.is_configured():
        raise Http404("Không có nhà cung cấp đăng nhập này")
    return provider


def _callback_uri(request, slug: str) -> str:
    return request.build_absolute_uri(reverse("accounts:sso_callback", args=[slug]))


@require_POST
def sso_begin(request, slug: str):
    provider = _provider(slug)
    try:
        return redirect(provider.begin(request, redirect_uri=_callback_uri(request, slug)))
    except sso.SsoError as exc:
        messages.error(request, str(exc))
        return redirect("accounts:login")


def sso_callback(request, slug: str):
    provider = _provider(slug)
    try:
        claims = provider.complete(request, redirect_uri=_callback_uri(request, slug))
        user = applicant_sign_in_with_sso(claims)
    except (sso.SsoError, ValidationError) as exc:
        message = str(exc) if isinstance(exc, sso.SsoError) else " ".join(exc.messages)
        messages.error(request, message)
        return redirect("accounts:login")
    if not user.is_active:
        messages.error(request, _("Tài khoản này đã bị khóa."))
        return redirect("accounts:login")
    login(request, user, backend=BACKEND)
    return redirect("accounts:profile")


def account_home(request):
    """`/tai-khoan/` (the README's entry): the profile when logged in, else the login page."""
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    return redirect("accounts:login")
