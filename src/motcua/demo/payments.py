"""Demo: the citizen `congdan` has a birth registration awaiting online payment (national status 6), so
the payment journey can be tried right after `make run` — log in as congdan, open the dossier, press
"Thanh toán trực tuyến", approve on the fake VNPay gateway, download the e-receipt.

Filed online (late, with two copies asked: 8.000 đ charge + 2 × 8.000 đ copies = 24.000 đ), received
and the payment requested by the receiving desk, all through the lifecycle. Created once (marked in the
e-form's reserved data); idempotent.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.conf import settings
from django.utils.text import slugify

from motcua.catalog.models import Procedure
from motcua.core import clock
from motcua.dossiers import deadlines, lifecycle
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Role, StaffRole, User

from .dossiers import MARK as DEMO_MARK
from .dossiers import _working_before, sample_eform, sample_pdf
from .staff import CITIZEN_USERNAME

MARK = "_demo_payment"
PROCEDURE_CODE = "1.001193"  # Thủ tục đăng ký khai sinh


def load_demo_payment() -> int:
    """Create the dossier unless it exists, or the demo is asked for no dossiers
    (MOTCUA_DEMO_DOSSIERS=0); returns how many were created (0 or 1)."""
    if int(getattr(settings, "MOTCUA_DEMO_DOSSIERS", 1)) <= 0:
        return 0
    if Dossier.objects.filter(**{f"eform_data__{MARK}": True}).exists():
        return 0
    citizen = User.objects.filter(username=CITIZEN_USERNAME).select_related("applicant").first()
    procedure = Procedure.objects.filter(code=PROCEDURE_CODE).select_related("current_version").first()
    if citizen is None or procedure is None or procedure.current_version is None:
        return 0
    version = procedure.current_version
    receiving = list(version.receiving_agencies.all()) or list(version.competent_agencies.all())
    desks = StaffRole.objects.filter(role=Role.DESK_OFFICER, agency__in=receiving).select_related(
        "user", "agency"
    )
    desk = desks.order_by("pk").first()
    if desk is None:
        return 0
    agency = desk.agency
    competent = agency if agency in version.competent_agencies.all() else version.competent_agencies.first()
    eform = sample_eform(version.eform, citizen.applicant, random.Random(13))
    eform.update(dang_ky_dung_han=False, so_ban_sao=2)
    # in office hours, as a desk works: received then asked to pay before now
    cal = deadlines.calendar_for(agency)
    requested = _working_before(cal, clock.now())
    received = _working_before(cal, requested)
    at = {"now": received - timedelta(hours=2)}
    previous = clock._now
    clock.set_now(lambda: at["now"])
    try:
        dossier = lifecycle.perform(
            None,
            "submit",
            citizen,
            procedure=version,
            channel="online",
            competent_agency=competent,
            receiving_agency=agency,
            eform_data=eform,
            reserved_eform_data={DEMO_MARK: True, MARK: True},  # demo data, and this one
            components=[
                {"position": c.position, "files": [sample_pdf(f"{slugify(c.name)[:60] or 'giay-to'}.pdf")]}
                for c in version.components.all()
            ],
            return_channel="electronic",
        )
        at["now"] = received
        dossier = lifecycle.perform(dossier.code, "receive", desk.user, dossier.version)
        at["now"] = requested
        lifecycle.perform(dossier.code, "request_payment", desk.user, dossier.version)
    finally:
        clock.set_now(previous)
    return 1
