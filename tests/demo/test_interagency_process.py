"""The demo's inter-agency process: a criminal-record certificate (Sở Tư pháp) goes to the city police
for verification and back to the department's leader; the police officer finds it in their own list."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from motcua.demo.agencies import CITY_CENTRE_ID, DEPARTMENTS_BY_KEY
from motcua.demo.processes import LLTP
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.organizations.models import Agency, Applicant, User
from motcua.workflow.models import DefinitionStatus, ProcessDefinition

pytestmark = pytest.mark.django_db


def test_justice_police_justice(settings, client):
    settings.MOTCUA_DEMO_DOSSIERS = 0
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())  # idempotent: still one variant
    justice = Agency.objects.get(identifier=DEPARTMENTS_BY_KEY["sotuphap"].identifier)
    police = Agency.objects.get(identifier=DEPARTMENTS_BY_KEY["congan"].identifier)
    variants = ProcessDefinition.objects.filter(
        procedure__code=LLTP, agency=justice, status=DefinitionStatus.PUBLISHED
    )
    assert variants.count() == 1

    users = {u.username: u for u in User.objects.all()}
    applicant = Applicant.objects.filter(id_number__gt="").order_by("pk").first()
    dossier = lifecycle.perform(
        None,
        "receive",
        users["tiepnhan.ttpvhcc"],
        procedure=LLTP,
        competent_agency=justice.identifier,
        receiving_agency=CITY_CENTRE_ID,
        applicant=applicant,
        channel="in_person",
        components=[{"position": 1}, {"position": 2}],
    )
    assert dossier.process_definition_id == variants.get().pk
    dossier = lifecycle.perform(dossier.code, "forward", users["thuly.sotuphap"], dossier.version)
    assert (dossier.current_agency_id, dossier.current_step) == (police.pk, "xac-minh-cong-an")

    client.force_login(users["thuly.congan"])
    html = client.get("/can-bo/?ds=cua-toi").content.decode()
    assert dossier.code in re.findall(r'class="code" href="/can-bo/ho-so/([^/]+)/"', html)

    dossier = lifecycle.perform(dossier.code, "forward", users["thuly.congan"], dossier.version)
    assert (dossier.current_agency_id, dossier.current_role) == (justice.pk, "leader")
    event = DossierEvent.objects.filter(dossier=dossier, action="forward").order_by("seq").last()
    assert event.agency_id == police.pk
    assert Dossier.objects.get(pk=dossier.pk).state == "processing"
