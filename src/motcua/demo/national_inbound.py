"""Demo: dossiers forwarded by the national portal (issue 11 part 4), so that `make run` shows the
desk's "Chờ tiếp nhận (Cổng DVCQG)" bucket with work in it.

- `load_integration_account()` (called by the demo loader): the portal's integration account
  `ACCOUNT`, holding only the inbound permission, with no usable password.
- `forward(base_url)`: once the web server answers, issue the account a bearer token, POST one
  `DongBoHoSoMC` record per route of `demo_routes()` (two: one at the city's centre, one at a commune's)
  to the REAL endpoint `POST /api/v1/integrations/dvcqg/dossiers` over loopback HTTP, then delete the
  token. Codes already received (`ExternalDossier`) are not sent again, so a second `make run` sends
  nothing. Never raises: every failure is a line of its report.
- `forward_in_background(base_url, out)`: the same in a daemon thread (what `run_with_worker` starts
  beside the fake portal); `make run` never waits for it nor fails because of it.

The records carry the procedure's e-form (`DuLieuBieuMau`, values that pass its schema) and one small
PDF per component (`TaiLieuNop[].MaThanhPhanHoSo`, base64): the dossiers are created through the
lifecycle like any forwarded one.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import random
import threading
import time
from dataclasses import dataclass
from datetime import date

import httpx
from django.db import close_old_connections
from django.utils.text import slugify

from motcua.core import clock
from motcua.integrations.accounts import grant, is_integration_account
from motcua.integrations.models import ExternalDossier
from motcua.integrations.national_portal.records import portal_date
from motcua.organizations.models import Agency, Applicant, ApplicantKind, User

from .agencies import CITY_CENTRE_ID
from .dossiers import SAMPLE_PDF, _People, _routes, sample_eform

logger = logging.getLogger("motcua.demo")

ACCOUNT = "dvcqg-demo"
ENDPOINT = "/api/v1/integrations/dvcqg/dossiers"
CODE_PREFIX = "DVCQG-DEMO-"
SERVER_WAIT_SECONDS = 60.0
SEED = 20261129


@dataclass(frozen=True)
class DemoApplicant:
    full_name: str
    id_number: str
    phone: str
    email: str
    address: str
    born: date


APPLICANTS = (
    DemoApplicant(
        "Phạm Thị Dung",
        "031190004567",
        "0912000111",
        "dung.pham@example.vn",
        "Lê Chân, Hải Phòng",
        date(1990, 4, 12),
    ),
    DemoApplicant(
        "Ngô Văn Hải",
        "031085007890",
        "0983000222",
        "hai.ngo@example.vn",
        "Vĩnh Bảo, Hải Phòng",
        date(1985, 9, 3),
    ),
)


def load_integration_account() -> User:
    """The demo's integration account (created once, permission granted once)."""
    user, created = User.objects.get_or_create(
        username=ACCOUNT, defaults={"first_name": "Cổng DVCQG", "last_name": "Kết nối (demo)"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    if not is_integration_account(user):
        grant(user)
    return user


def demo_routes() -> list[tuple]:
    """(procedure, receiving agency, competent agency) of the records: the first demo route received at
    the city's centre, and the first received at a commune's centre (as many as exist, at most two),
    procedures with an e-form first."""
    routes = sorted(_routes(_People()), key=lambda r: not r.procedure.current_version.eform)  # e-forms first
    city = Agency.objects.filter(identifier=CITY_CENTRE_ID).values_list("pk", flat=True).first()
    picked = [next((r for r in routes if r.receiving.pk == city), None)]
    picked.append(next((r for r in routes if r.receiving.pk != city), None))
    return [(r.procedure, r.receiving, r.competent) for r in picked if r is not None]


def record_for(n: int, procedure, receiving: Agency, competent: Agency) -> dict:
    """The `DongBoHoSoMC` record of demo dossier `n` (1-based) of `procedure` (a catalog Procedure with
    a version in force), as the national portal forwards it (DOMAIN.md §7 fields)."""
    who = APPLICANTS[(n - 1) % len(APPLICANTS)]
    version = procedure.current_version
    applicant = Applicant(
        kind=ApplicantKind.CITIZEN,
        full_name=who.full_name,
        id_number=who.id_number,
        phone=who.phone,
        email=who.email,
        address=who.address,
        date_of_birth=who.born,
    )
    pdf = base64.b64encode(SAMPLE_PDF).decode()
    return {
        "MaHoSo": f"{CODE_PREFIX}{n:04d}",
        "MaTTHC": procedure.code,
        "TenTTHC": version.name,
        "TrichYeuHoSo": f"{version.name} (nộp trên Cổng DVCQG)"[:500],
        "ChuHoSo": who.full_name,
        "LoaiDoiTuong": "1",
        "SoGiayToChuHoSo": who.id_number,
        "Email": who.email,
        "SoDienThoai": who.phone,
        "DiaChi": who.address,
        "DonViXuLy": competent.identifier,
        "NoiNopHoSo": receiving.identifier,
        "KenhThucHien": "2",
        "TrangThaiHoSo": "1",
        "NgayNopHoSo": portal_date(clock.now()),
        "DuLieuBieuMau": sample_eform(version.eform, applicant, random.Random(SEED + n)),
        "TaiLieuNop": [
            {
                "TenTepDinhKem": f"{slugify(c.name)[:60] or 'giay-to'}.pdf",
                "MaThanhPhanHoSo": str(c.position),
                "TenThanhPhanHoSo": c.name,
                "NoiDungTep": pdf,
                "DuocSoHoa": "1",
            }
            for c in version.components.order_by("position")
        ],
        "DuocThanhToanTrucTuyen": "0",
    }


def _wait_for(client: httpx.Client, base_url: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            client.get(base_url + ENDPOINT)  # any answer (405) means the server is up
            return True
        except httpx.HTTPError:
            time.sleep(0.5)
    return False


def forward(base_url: str, *, wait_seconds: float = SERVER_WAIT_SECONDS) -> list[str]:
    """POST the demo records to the running server at `base_url` ("http://127.0.0.1:8000"); returns one
    line per record (code and HTTP status, or why nothing was sent). Never raises."""
    from motcua.api.auth import token_issue

    lines: list[str] = []
    token = None
    try:
        account = User.objects.filter(username=ACCOUNT).first()
        if account is None or not is_integration_account(account):
            return ["no demo integration account (run load_demo)"]
        records = [record_for(n, *route) for n, route in enumerate(demo_routes(), start=1)]
        known = set(
            ExternalDossier.objects.filter(national_code__in=[r["MaHoSo"] for r in records]).values_list(
                "national_code", flat=True
            )
        )
        records = [r for r in records if r["MaHoSo"] not in known]
        if not records:
            return ["already forwarded"]
        with httpx.Client(timeout=30) as client:
            if not _wait_for(client, base_url, wait_seconds):
                return [f"server at {base_url} did not answer"]
            token, clear = token_issue(account, "demo")
            for record in records:
                response = client.post(
                    base_url + ENDPOINT, json=record, headers={"Authorization": f"Bearer {clear}"}
                )
                lines.append(f"{record['MaHoSo']}: HTTP {response.status_code}")
                if response.status_code >= 300:
                    logger.warning("demo inbound refused: %s", response.text[:2000])
    except Exception as exc:  # the demo never breaks `make run`
        logger.warning("demo inbound failed: %r", exc)
        lines.append(f"failed: {type(exc).__name__}")
    finally:
        if token is not None:
            with contextlib.suppress(Exception):  # best effort: the token lives its TTL otherwise
                token.delete()
        close_old_connections()
    return lines


def forward_in_background(base_url: str, out=None) -> threading.Thread:
    """`forward(base_url)` in a daemon thread, its report written to `out` (a stream) when given."""

    def run():
        lines = forward(base_url)
        if out is not None:
            out.write("Hồ sơ demo từ Cổng DVCQG / demo national-portal dossiers: " + "; ".join(lines) + "\n")

    thread = threading.Thread(target=run, name="demo-national-inbound", daemon=True)
    thread.start()
    return thread
