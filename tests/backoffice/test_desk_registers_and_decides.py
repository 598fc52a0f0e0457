"""The desk registers an in-person or postal dossier (finding or creating the applicant, ticking and
scanning components) and receives it (form 01), asks for a supplement (form 02) or refuses (form 03)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.models import Dossier
from motcua.organizations.models import Applicant
from tests.backoffice.conftest import pdf_text

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def desk_post(world, decision="receive", **extra):
    data = {
        "procedure": world.procedure.code,
        "receiving_agency": world.centre.pk,
        "channel": "in_person",
        "competent_agency": world.department.pk,
        "kind": "citizen",
        "identifier": "031200009999",
        "full_name": "Lê Văn Tám",
        "phone": "0901234567",
        "address": "12 Trần Phú, Hải Phòng",
        "comp_1": "1",
        "copy_1": "original",
        "comp_2": "1",
        "copy_2": "copy",
        "digitised_2": "1",
        "decision": decision,
    }
    data.update(extra)
    return data


def test_desk_form_lists_the_procedure_components_and_finds_the_applicant(login, world):
    client = login(world.desk)
    page = client.get(
        f"/can-bo/tiep-nhan/?procedure={world.procedure.code}&identifier={world.applicant.id_number}"
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Tờ khai" in html and "Bản sao CCCD" in html
    assert world.applicant.full_name in html


def test_receive_in_person_creates_applicant_components_and_form01(login, world):
    client = login(world.desk)
    scan = SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf")
    response = client.post("/can-bo/tiep-nhan/", desk_post(world, file_1=scan))
    assert response.status_code == 302, response.content.decode()[:3000]
    dossier = Dossier.objects.get()
    assert response["Location"] == f"/can-bo/ho-so/{dossier.code}/"
    assert dossier.state == "received" and dossier.channel == "in_person"
    assert dossier.applicant == Applicant.objects.get(id_number="031200009999")
    components = {c.position: c for c in dossier.components.all()}
    assert components[1].note == "Bản chính" and components[1].digitised  # a scan marks it digitised
    assert components[2].note == "Bản sao" and components[2].digitised
    assert components[1].files.get().original_name == "to-khai.pdf"
    page = client.get(response["Location"])
    assert "In mẫu 01 (PDF)" in page.content.decode()
    pdf = client.get(f"/can-bo/ho-so/{dossier.code}/mau-01.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert dossier.code in text and "Lê Văn Tám" in text


def test_existing_applicant_is_reused(login, world):
    client = login(world.desk)
    client.post(
        "/can-bo/tiep-nhan/",
        desk_post(world, identifier=world.applicant.id_number, full_name="", channel="post"),
    )
    dossier = Dossier.objects.get()
    assert dossier.applicant == world.applicant and dossier.channel == "post"


def test_supplement_request_lists_what_is_missing_on_form02(login, world):
    client = login(world.desk)
    response = client.post(
        "/can-bo/tiep-nhan/",
        desk_post(
            world, "request_supplement", missing="Bản sao CCCD", missing_other="Giấy ủy quyền", reason="Thiếu"
        ),
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert dossier.state == "supplement_requested"
    text = pdf_text(client.get(f"/can-bo/ho-so/{dossier.code}/mau-02.pdf").content)
    assert "Bản sao CCCD" in text and "Giấy ủy quyền" in text and dossier.code in text


def test_refusal_needs_a_reason_and_prints_form03(login, world):
    client = login(world.desk)
    response = client.post("/can-bo/tiep-nhan/", desk_post(world, "refuse"))
    assert response.status_code == 422
    assert "Cần nêu rõ lý do" in response.content.decode()
    assert not Dossier.objects.exists()  # the submit before the refusal was rolled back too
    client.post("/can-bo/tiep-nhan/", desk_post(world, "refuse", reason="Không thuộc thẩm quyền"))
    dossier = Dossier.objects.get()
    assert dossier.state == "refused"
    assert "Không thuộc thẩm quyền" in pdf_text(
        client.get(f"/can-bo/ho-so/{dossier.code}/mau-03.pdf").content
    )


def test_new_applicant_without_a_name_is_an_error_on_the_form(login, world):
    response = login(world.desk).post("/can-bo/tiep-nhan/", desk_post(world, full_name=""))
    assert response.status_code == 422
    assert not Dossier.objects.exists()
