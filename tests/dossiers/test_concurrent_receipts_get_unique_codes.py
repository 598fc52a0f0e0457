"""Many desks receiving at once never share a code: threads with their own connections."""

import threading

import pytest
from django.db import close_old_connections, connection

from motcua.dossiers.models import Dossier

from .world import make_world, receive

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_receipts_yield_unique_sequential_codes():
    world = make_world()
    threads_count, per_thread = 8, 5
    barrier = threading.Barrier(threads_count)
    codes, errors = [], []
    lock = threading.Lock()

    def work():
        try:
            barrier.wait()
            for _ in range(per_thread):
                dossier = receive(world)
                with lock:
                    codes.append(dossier.code)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(threads_count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    total = threads_count * per_thread
    assert len(codes) == len(set(codes)) == total
    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in codes)
    assert numbers == list(range(1, total + 1))
    assert Dossier.objects.count() == total


def test_two_desks_receiving_the_same_dossier_one_wins_the_other_conflicts():
    from motcua.dossiers import lifecycle
    from motcua.dossiers.errors import DossierConflict
    from motcua.organizations.models import Role

    from .world import submit

    world = make_world()
    second_desk = world.staff(Role.DESK_OFFICER, world.centre)
    code = submit(world).code
    barrier = threading.Barrier(2)
    outcomes = []

    def work(user):
        try:
            barrier.wait()
            lifecycle.perform(code, "receive", user, 1)
            outcomes.append("ok")
        except DossierConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(u,)) for u in (world.desk, second_desk)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "ok"]
    dossier = Dossier.objects.get(code=code)
    assert dossier.version == 2 and dossier.events.count() == 2
