"""A result generated from the procedure's template and signed by the leader through the lifecycle is
a PAdES signature that pyHanko's own validator accepts against the development CA, covering the
whole file, with the visible box naming the agency and the signer."""

import io

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from tests.factories.signing import _ca

from .world import signed_result, signing_world

pytestmark = pytest.mark.django_db


def test_signed_result_validates_with_pyhanko_against_the_dev_ca(fixed_clock, media_root):
    world = signing_world()
    _dossier, doc = signed_result(world, signer="Trần Văn Lãnh")
    data = doc.file.read()
    root = asn1_x509.Certificate.load(_ca().certificate.public_bytes(serialization.Encoding.DER))
    context = ValidationContext(trust_roots=[root], allow_fetching=False, revocation_mode="soft-fail")
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    status = validate_pdf_signature(signature, context)
    assert status.bottom_line, status.pretty_print_details()
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert status.signing_cert.subject.native["common_name"] == world.department.name
    # the visible box: a widget with an appearance on the page
    widget = signature.sig_field
    assert widget["/Rect"] and "/AP" in widget


def test_a_signature_from_another_ca_is_not_trusted_by_pyhanko_either(fixed_clock, media_root):
    from motcua.results import devca

    world = signing_world()
    _dossier, doc = signed_result(world)
    stranger = asn1_x509.Certificate.load(
        devca.make_ca().certificate.public_bytes(serialization.Encoding.DER)
    )
    context = ValidationContext(trust_roots=[stranger], allow_fetching=False, revocation_mode="soft-fail")
    (signature,) = PdfFileReader(io.BytesIO(doc.file.read())).embedded_signatures
    status = validate_pdf_signature(signature, context)
    assert status.intact and not status.trusted and not status.bottom_line
