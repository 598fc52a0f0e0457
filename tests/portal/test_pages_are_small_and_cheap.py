"""Each portal page: HTML under 100 KB and a handful of queries, whatever the data."""

import pytest
from django.urls import reverse

from .helpers import fill_all, submit
from .world import act

MAX_BYTES = 100 * 1024
# Session + user + applicant are three of them on logged-in pages.
MAX_QUERIES = 12


@pytest.fixture(autouse=True)
def warm_calendar(world):
    """The working calendar is cached per process (the calendar app); measure the steady state."""
    from motcua.calendar.selectors import work_calendar

    work_calendar(world.centre)


def _check(client, url, django_assert_max_num_queries, status=200, limit=MAX_QUERIES):
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == status, url
    assert len(response.content) < MAX_BYTES, (url, len(response.content))
    return response


@pytest.mark.parametrize("step", ["thong-tin", "giay-to", "nhan-ket-qua", "xac-nhan"])
def test_submission_steps(citizen_client, world, step, django_assert_max_num_queries):
    draft = fill_all(citizen_client, world)
    _check(
        citizen_client, reverse("portal:submit_step", args=[draft.pk, step]), django_assert_max_num_queries
    )


def test_follow_pages(citizen_client, world, django_assert_max_num_queries):
    dossiers = [submit(citizen_client, world)]
    for _ in range(3):  # more dossiers do not mean more queries on the list
        dossiers.append(act(submit(citizen_client, world), "receive", world.desk))
    _check(citizen_client, reverse("portal:my_dossiers"), django_assert_max_num_queries)
    code = dossiers[-1].code
    _check(citizen_client, reverse("portal:dossier", args=[code]), django_assert_max_num_queries)
    _check(citizen_client, reverse("portal:receipt", args=[code]), django_assert_max_num_queries)


def test_public_pages(client, citizen_client, world, django_assert_max_num_queries):
    dossier = submit(citizen_client, world)
    client.logout()
    _check(client, "/", django_assert_max_num_queries, limit=8)
    _check(client, reverse("portal:procedures"), django_assert_max_num_queries, limit=8)
    _check(
        client,
        reverse("portal:procedure", args=[world.procedure.code]),
        django_assert_max_num_queries,
        limit=12,
    )
    with django_assert_max_num_queries(8):
        response = client.post(reverse("portal:lookup"), {"ma": dossier.code, "cccd": "031190000123"})
    assert response.status_code == 200
    assert len(response.content) < MAX_BYTES
