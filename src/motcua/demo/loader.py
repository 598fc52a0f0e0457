"""Load the whole demo in one transaction; idempotent."""

from django.db import transaction

from motcua.catalog.services import procedure_publish
from motcua.workflow.services import process_definitions_ensure

from .agencies import load_agencies
from .procedures import procedure_specs
from .staff import load_staff


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Create or update the demo agencies, staff, applicants and procedures.
    Returns counts: agencies, users, procedures and how many procedure versions were published now."""
    agencies = load_agencies()
    users = load_staff(agencies)
    published = 0
    specs = procedure_specs()
    for spec in specs:
        _, created = procedure_publish(spec, change_note="Dữ liệu demo (load_demo)")
        published += created
    processes = process_definitions_ensure()
    return {
        "processes": len(processes),
        "agencies": len(agencies),
        "users": len(users),
        "procedures": len(specs),
        "published": published,
    }
