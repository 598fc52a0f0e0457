"""An applicant can never see, download or reuse another applicant's stored document: the API and the
page answer 404 exactly as for a document that does not exist, and naming it in a submission is
refused (422 `reuse_not_verifiable`) with nothing written."""

import pytest
from django.test import Client

from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from motcua.dossiers.submission import ReuseNotVerifiable
from motcua.store.models import DocumentUse, StoredDocument
from tests.api.test_dossier_full_life import Caller
from tests.dossiers.world import mandatory_positions, pdf

from .world import store_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def stores(fixed_clock, media_root):
    world = store_world()
    world.doc = StoredDocument.objects.get(applicant=world.applicant)
    return world


def test_the_api_answers_404_for_someone_elses_document(stores):
    stranger = Caller(stores.stranger_user)
    assert stranger.get("/api/v1/store").json() == []
    for path in ("/api/v1/store/{}", "/api/v1/store/{}/file"):
        mine, missing = stranger.get(path.format(stores.doc.pk)), stranger.get(path.format(987654))
        assert mine.status_code == missing.status_code == 404
        assert mine.json()["code"] == missing.json()["code"] == "document_not_found"
    owner = Caller(stores.citizen)
    assert owner.get(f"/api/v1/store/{stores.doc.pk}").status_code == 200


def test_the_pages_answer_404_for_someone_elses_document(stores):
    client = Client()
    client.force_login(stores.stranger_user)
    assert client.get(f"/kho-giay-to/{stores.doc.pk}/tep/").status_code == 404
    assert client.post(f"/kho-giay-to/{stores.doc.pk}/xoa/").status_code == 404
    assert stores.doc.name not in client.get("/kho-giay-to/").content.decode()
    StoredDocument.objects.get(pk=stores.doc.pk, removed_at__isnull=True)  # not removed
    assert Client().get("/kho-giay-to/").status_code == 302  # anonymous: to the login page


def test_naming_someone_elses_document_in_a_submission_is_refused(stores):
    positions = mandatory_positions(stores)
    components = [{"position": p, "files": [pdf()]} for p in positions[:-1]]
    components.append({"position": positions[-1], "store_document": stores.doc.pk})
    before = Dossier.objects.count()
    with pytest.raises(ReuseNotVerifiable) as refused:
        lifecycle.perform(
            None,
            "submit",
            stores.stranger_user,
            procedure=stores.procedure.code,
            competent_agency=stores.department.identifier,
            eform_data={"ho_ten": stores.stranger.full_name},
            components=components,
        )
    assert refused.value.extra["positions"] == [positions[-1]]
    assert Dossier.objects.count() == before and not DocumentUse.objects.exists()


def test_a_removed_document_can_no_longer_be_reused(stores):
    client = Client()
    client.force_login(stores.citizen)
    assert client.post(f"/kho-giay-to/{stores.doc.pk}/xoa/").status_code == 302
    positions = mandatory_positions(stores)
    components = [{"position": p, "files": [pdf()]} for p in positions[:-1]]
    components.append({"position": positions[-1], "store_document": stores.doc.pk})
    with pytest.raises(ReuseNotVerifiable):
        lifecycle.perform(
            None,
            "submit",
            stores.citizen,
            procedure=stores.procedure.code,
            competent_agency=stores.department.identifier,
            eform_data={"ho_ten": stores.applicant.full_name},
            components=components,
        )
