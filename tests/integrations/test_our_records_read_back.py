"""The one reader of `DongBoHoSoMC` records reads what our own connector sends: the record of a native
dossier's last event, read for import, gives back its code, status, channel, agency, dates and
supplement rounds, e-form data and files by component (so a province moving between systems built
like this one loses nothing)."""

from motcua.dossiers.models import DossierFile
from motcua.integrations.national_portal import records
from motcua.integrations.national_portal.importing import timeline
from motcua.integrations.national_portal.sync_record import IMPORT, read_record
from tests.dossiers.world import act, submit, to_result, vn


def test_outbound_record_reads_back(world, fixed_clock):
    d = submit(world)
    fixed_clock.set(vn(2026, 3, 2, 10, 0))
    d = act(d, "receive", world.desk)
    fixed_clock.set(vn(2026, 3, 3, 9, 0))
    d = act(d, "request_supplement", world.desk, reason="Thiếu bản sao")
    fixed_clock.set(vn(2026, 3, 4, 14, 30))
    d = act(d, "supplement", world.citizen)
    fixed_clock.set(vn(2026, 3, 5, 15, 45))
    d = to_result(world, d)
    fixed_clock.set(vn(2026, 3, 6, 8, 15))
    d = act(d, "return_result", world.desk)
    event = records.load_event(d.code, d.version)

    rec = read_record(records.dossier_record(event), purpose=IMPORT, now=vn(2026, 3, 7))

    assert (rec.code, rec.status, rec.channel) == (d.code, 10, "online")
    assert rec.competent == world.department and rec.receiving == world.centre
    assert (rec.received_at, rec.ended_at, rec.returned_at, rec.due_at) == (
        d.received_at,
        d.finished_at,
        d.returned_at,
        d.due_at,
    )
    assert rec.eform == {k: v for k, v in d.eform_data.items() if not k.startswith("_")}
    assert rec.eform["ho_ten"] == world.applicant.full_name
    files = sorted(
        (f.component.position, f.original_name) for f in DossierFile.objects.filter(component__dossier=d)
    )
    assert files and sorted((doc.position, doc.file_name) for doc in rec.documents) == files
    pause = d.pauses.get()
    assert [(s.requested_at, s.received_at) for s in rec.supplements] == [(pause.started_at, pause.ended_at)]
    assert [s.action for s in timeline(rec)] == [
        "submit",
        "receive",
        "request_supplement",
        "supplement",
        "approve",
        "issue_result",
        "return_result",
    ]
