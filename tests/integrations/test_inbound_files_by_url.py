"""Files given as URLs are fetched over real loopback HTTP: only under an allow-listed prefix, without
following redirects, within the size and time limits; every file that cannot be had is listed, and
nothing is created."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from motcua.dossiers.models import Dossier, DossierFile
from motcua.integrations.national_portal.inbound import url_allowed
from tests.factories.national_records import PDF, new_dossier_record
from tests.integrations.inbound import integration_token, post_record, stored_files


class _Files(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.hits.append(self.path)
        if self.path.startswith("/tep/slow"):
            time.sleep(1.5)
        if self.path.startswith("/tep/big"):
            self.send_response(200)
            self.end_headers()  # no Content-Length: the client must count
            for _ in range(3):
                self.wfile.write(b"%PDF" + b"0" * (1024 * 1024))
            return
        if self.path.startswith("/tep/redirect"):
            self.send_response(302)
            self.send_header("Location", "/tep/ok.pdf")
            self.end_headers()
            return
        if self.path.startswith("/tep/missing"):
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(len(PDF)))
        self.end_headers()
        self.wfile.write(PDF)

    def log_message(self, *args):
        pass


@pytest.fixture
def file_server(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Files)
    server.hits = []
    server.handle_error = lambda *args: None  # the client hung up on the slow or big answer
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    settings.MOTCUA_DVCQG_INBOUND_URL_PREFIXES = f"{base}/tep/"
    settings.MOTCUA_DVCQG_INBOUND_FETCH_TIMEOUT = 1
    settings.MOTCUA_UPLOAD_MAX_FILE_MB = 2
    server.base = base
    yield server
    server.shutdown()
    server.server_close()


def _with_urls(world, code, urls):
    record = new_dossier_record(world, code)
    for item, url in zip(record["TaiLieuNop"], urls, strict=False):
        item.pop("NoiDungTep")
        item["DuongDanTaiTepTin"] = url
    return record


def test_allow_listed_urls_are_fetched(client, world, fixed_clock, file_server):
    _, token = integration_token()
    urls = [f"{file_server.base}/tep/{i}.pdf" for i in range(2)]
    response = post_record(client, token, _with_urls(world, "G22.99-260302-0400", urls))
    assert response.status_code == 201, response.content
    assert sorted(file_server.hits) == ["/tep/0.pdf", "/tep/1.pdf"]
    assert DossierFile.objects.filter(component__dossier__code="G22.99-260302-0400").count() == 2


def test_every_unfetchable_file_is_listed(client, world, fixed_clock, file_server, media_root):
    _, token = integration_token()
    base = file_server.base
    record = _with_urls(world, "G22.99-260302-0401", [f"{base}/khac/0.pdf", f"{base}/tep/missing.pdf"])
    record["TaiLieuNop"] += [
        {"MaThanhPhanHoSo": "1", "TenTepDinhKem": "a.pdf", "DuongDanTaiTepTin": f"{base}/tep/redirect"},
        {"MaThanhPhanHoSo": "1", "TenTepDinhKem": "b.pdf", "DuongDanTaiTepTin": f"{base}/tep/big"},
        {"MaThanhPhanHoSo": "1", "TenTepDinhKem": "c.pdf", "DuongDanTaiTepTin": f"{base}/tep/slow"},
    ]

    response = post_record(client, token, record)

    assert response.status_code == 422, response.content
    codes = {p["field"]: p["code"] for p in response.json()["problems"]}
    assert codes == {
        "TaiLieuNop[0].DuongDanTaiTepTin": "url_not_allowed",
        "TaiLieuNop[1].DuongDanTaiTepTin": "fetch_failed",
        "TaiLieuNop[2].DuongDanTaiTepTin": "fetch_failed",  # a redirect is not followed
        "TaiLieuNop[3].DuongDanTaiTepTin": "file_too_large",
        "TaiLieuNop[4].DuongDanTaiTepTin": "fetch_timeout",
    }
    assert "/khac/0.pdf" not in file_server.hits  # never asked for
    assert not Dossier.objects.exists() and stored_files(media_root) == []


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://tep.dichvucong.gov.vn/hs/1.pdf", True),
        ("https://tep.dichvucong.gov.vn.example.com/hs/1.pdf", False),
        ("https://tep.dichvucong.gov.vn/khac/1.pdf", False),
        ("https://tep.dichvucong.gov.vn/hs/../khac/1.pdf", False),
        ("http://tep.dichvucong.gov.vn/hs/1.pdf", False),
        ("https://user:pw@tep.dichvucong.gov.vn/hs/1.pdf", False),
    ],
)
def test_allow_list_matches_host_and_path(url, allowed):
    assert url_allowed(url, ["https://tep.dichvucong.gov.vn/hs/"]) is allowed
