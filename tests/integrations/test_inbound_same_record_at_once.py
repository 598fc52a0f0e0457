"""The same forwarded record arriving twice at the same moment (the portal retrying while the first
request is still running) makes one dossier: the second request loses at the unique code, removes the
files it stored and answers with the first one's dossier."""

import threading

import pytest
from django.db import connection

from motcua.dossiers.models import Dossier, DossierFile
from motcua.integrations.accounts import grant
from motcua.integrations.national_portal.inbound import receive_national_dossier
from tests.dossiers.world import make_world
from tests.factories.national_records import new_dossier_record
from tests.factories.organizations import UserFactory
from tests.integrations.inbound import stored_files


@pytest.mark.django_db(transaction=True)
def test_two_at_once_make_one_dossier(media_root):
    world = make_world()
    account = UserFactory(username="dvcqg-ketnoi")
    grant(account)
    record = new_dossier_record(world, "G22.99-260302-0777")
    barrier = threading.Barrier(2)
    results, errors = [], []

    def send():
        try:
            barrier.wait()
            results.append(receive_national_dossier(record, account))
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    assert errors == []
    assert sorted(r.created for r in results) == [False, True]
    assert {r.dossier.code for r in results} == {"G22.99-260302-0777"}
    assert Dossier.objects.count() == 1
    assert len(stored_files(media_root)) == DossierFile.objects.count() == len(record["TaiLieuNop"])
