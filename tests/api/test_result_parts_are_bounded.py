"""`result_<n>` is the file of the n-th entry of `results`, and n obeys the list's own limit (50):
result_51 or result_999999 is a 422 before any work (no rows, no files, version unchanged)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalog.models import Result
from motcua.dossiers.api import MAX_RESULTS
from motcua.dossiers.models import Dossier, DossierResult
from tests.dossiers.world import act, receive

from .test_dossier_full_life import Caller

pytestmark = pytest.mark.django_db


def _issue(world, dossier, part: str):
    clerk = Caller(world.clerk)
    signed = SimpleUploadedFile("ket-qua.pdf", b"%PDF-1.7 signed", content_type="application/pdf")
    return clerk.client.post(
        f"/api/v1/dossiers/{dossier.code}/actions/issue_result",
        {"payload": json.dumps({"expected_version": dossier.version}), part: signed},
        headers=clerk.headers,
    )


@pytest.fixture
def approved(world, fixed_clock):
    # the bound on parts is what is tested: a result that is not a document takes entries without files
    Result.objects.update(is_document=False)
    return act(act(receive(world), "forward", world.officer), "approve", world.leader)


@pytest.mark.parametrize("n", [MAX_RESULTS + 1, 3000, 999_999])
def test_a_result_part_beyond_the_limit_is_422(world, approved, n):
    response = _issue(world, approved, f"result_{n}")
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "too_many_results"
    assert DossierResult.objects.count() == 0
    assert Dossier.objects.get(pk=approved.pk).version == approved.version


def test_the_last_result_part_within_the_limit_is_taken(world, approved):
    response = _issue(world, approved, f"result_{MAX_RESULTS}")
    assert response.status_code == 200, response.content
    assert DossierResult.objects.filter(dossier=approved).count() == MAX_RESULTS
