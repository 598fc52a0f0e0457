import base64
from urllib.parse import unquote

import segno

from motcua.documents import samples
from motcua.documents.qr import lookup_url, qr_svg_data_uri
from motcua.documents.rendering import render_form_html


def test_lookup_url_points_at_the_public_lookup_with_the_code():
    assert (
        lookup_url("https://dichvucong.example.vn/", "000.00.14.H99-260105-0118")
        == "https://dichvucong.example.vn/tra-cuu/?ma=000.00.14.H99-260105-0118"
    )


def test_qr_is_an_svg_of_exactly_that_url():
    url = lookup_url(samples.PUBLIC_BASE_URL, samples.CODE)
    uri = qr_svg_data_uri(url)
    assert uri.startswith("data:image/svg+xml")
    payload = uri.split(",", 1)[1]
    svg = base64.b64decode(payload).decode() if ";base64" in uri.split(",", 1)[0] else unquote(payload)
    assert "<svg" in svg
    # Same matrix as a fresh encoding of the URL: the code scans to the lookup address.
    assert uri == segno.make(url, error="m").svg_data_uri(scale=3, border=2)
    assert segno.make(url, error="m").designator.endswith("-M")


def test_forms_01_and_04_embed_the_qr_and_print_the_url():
    for form in (samples.form01(), samples.form04()):
        html = render_form_html(form)
        assert qr_svg_data_uri(form.lookup_url) in html
        assert "tra-cuu/?ma=000.00.14.H99-260105-0118" in html


def test_no_qr_without_a_lookup_url():
    from dataclasses import replace

    html = render_form_html(replace(samples.form01(), lookup_url=""))
    assert "data:image/svg+xml" not in html
