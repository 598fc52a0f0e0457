"""Signing and verifying an e-result against rendering it, in the same run: WeasyPrint renders a
one-page result (HTML → PDF), pyHanko signs it PAdES with a development certificate (visible box,
Vietnamese font), and pyHanko validates the signature against the development CA. Prints the median
milliseconds of each and their ratios to rendering (what a leader's "sign" click costs on top of
generating the document).

Run: `.venv/bin/python bench/bench_signing.py [rounds]` (no database; Django settings only for the
key encryption)."""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")

import django

django.setup()

from asn1crypto import x509 as asn1_x509  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402
from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: E402
from pyhanko.sign.validation import validate_pdf_signature  # noqa: E402
from pyhanko_certvalidator import ValidationContext  # noqa: E402

from motcua.documents.rendering import font_face_css, html_to_pdf  # noqa: E402
from motcua.results import devca, keys, signing  # noqa: E402
from motcua.results.models import SigningCertificate  # noqa: E402

HTML = (
    "<html lang='vi'><head><meta charset='utf-8'><style>" + font_face_css() + "</style></head><body>"
    "<h1>GIẤY XÁC NHẬN</h1><p>Ủy ban nhân dân xã Vĩnh Bảo xác nhận ông Nguyễn Văn An, số định danh "
    "031190000123, đã được giải quyết thủ tục đăng ký khai sinh.</p></body></html>"
)


def _median_ms(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(rounds: int = 10) -> None:
    ca = devca.make_ca()
    material = devca.issue(ca, "Ủy ban nhân dân xã Vĩnh Bảo")
    row = SigningCertificate(
        certificate_pem=keys._pem(material.certificate),
        chain_pem="".join(keys._pem(c) for c in material.chain),
        key_encrypted=keys.encrypt(material.key_der),
    )
    pdf = html_to_pdf(HTML)
    signed = signing.sign_pdf(pdf, row, signer_name="Trần Văn Lãnh", agency_name="UBND xã Vĩnh Bảo").data
    root = asn1_x509.Certificate.load(ca.certificate.public_bytes(serialization.Encoding.DER))

    def validate():
        context = ValidationContext(trust_roots=[root], allow_fetching=False, revocation_mode="soft-fail")
        (sig,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
        assert validate_pdf_signature(sig, context).bottom_line

    render = _median_ms(lambda: html_to_pdf(HTML), rounds)
    sign = _median_ms(
        lambda: signing.sign_pdf(pdf, row, signer_name="Trần Văn Lãnh", agency_name="UBND xã Vĩnh Bảo"),
        rounds,
    )
    verify = _median_ms(validate, rounds)
    print(
        f"render {render:.0f} ms · sign {sign:.0f} ms ({sign / render:.2f}× render) · "
        f"verify {verify:.0f} ms ({verify / render:.2f}× render) · {len(signed) / 1024:.0f} KiB signed"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
