"""Load the whole demo in one transaction; idempotent."""

from django.db import transaction

from motcua.catalog.services import procedure_publish
from motcua.jobs.projector import Projector, last_outbox_id
from motcua.workflow.services import process_definitions_ensure

from .agencies import load_agencies
from .dossiers import load_demo_dossiers
from .eresults import load_demo_eresults
from .national_inbound import load_integration_account
from .notifications import notify_recent
from .payments import load_demo_payment
from .procedures import procedure_specs
from .processes import load_interagency_processes
from .staff import load_staff
from .statistics import load_demo_statistics


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Create or update the demo agencies, staff, applicants and procedures, and (once) the demo
    dossiers. Returns counts: agencies, users, procedures, how many procedure versions were published
    now and how many dossiers were created now."""
    agencies = load_agencies()
    users = load_staff(agencies)
    published = 0
    specs = procedure_specs()
    for spec in specs:
        _, created = procedure_publish(spec, change_note="Dữ liệu demo (load_demo)")
        published += created
    processes = process_definitions_ensure()
    load_interagency_processes()
    # invented history, including congdan's dossiers below: projected here, in this transaction, into the
    # statistics but not the notifications (nobody is notified of it; the worker never sees these records
    # unprojected); the latest events of each kind are notified afterwards (demo/notifications.py)
    history = Projector(skip=frozenset({"notifications"}), after_id=last_outbox_id())
    dossiers = load_demo_dossiers()
    awaiting_payment = load_demo_payment()  # congdan's dossier awaiting online payment (issue 13)
    load_integration_account()  # the national portal's account: `make run` forwards dossiers through it
    load_demo_eresults()  # signing certificates and congdan's signed e-result (demo/eresults.py)
    history.drain()
    if dossiers["dossiers"]:
        notify_recent()
    load_demo_statistics()  # ratings, and the statistics rollups rebuilt if any dossier is uncounted
    history.drain()  # the ratings
    return {
        "dossiers": dossiers["dossiers"],
        "awaiting_payment": awaiting_payment,
        "processes": len(processes),
        "agencies": len(agencies),
        "users": len(users),
        "procedures": len(specs),
        "published": published,
    }
