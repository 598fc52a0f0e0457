"""Publishing progress (the seed's "công khai tiến độ"), for anyone without logging in: per unit and
per procedure the counts and on-time rates of a period, and the latest dossiers with the applicant's
name masked ("Nguyễn Văn An" → "Nguyễn V. A."). No ID numbers, addresses, phones, nor officers' names.

Shape of `progress_page(period)`:
{"from", "to", "units": [{"agency", "identifier", "received", "processed", "on_time", "late",
  "on_time_rate", "in_progress", "overdue"}], "procedures": [{"code", "name", "received", "processed",
  "on_time_rate"}], "recent": [{"code", "applicant", "procedure", "agency", "status", "received_at",
  "ended_at", "judgement"}]}
"""

from __future__ import annotations

from collections import defaultdict

from motcua.catalog.models import Procedure
from motcua.core import clock
from motcua.dossiers.states import State
from motcua.organizations.models import ApplicantKind

from . import selectors as sel
from .models import DossierStat


def mask_name(name: str, kind: str = ApplicantKind.CITIZEN) -> str:
    """A person's name with the family name kept and every other word cut to its initial
    ("Nguyễn Văn An" → "Nguyễn V. A."); an organisation's name is public as it is."""
    words = (name or "").split()
    if kind != ApplicantKind.CITIZEN:
        return " ".join(words)
    if len(words) <= 1:
        return (words[0][0] + ".") if words else ""
    return " ".join([words[0], *[w[0].upper() + "." for w in words[1:]]])


def _rate(on: int, n: int) -> float | None:
    return round(on / n, 4) if n else None


def progress_page(period: sel.Period, recent: int = 20) -> dict:
    province = sel.Scope()
    totals = sel.rollup_totals(period, province, ["agency_id"])
    judged = sel.progress(period, province, by="agency_id")
    open_now = sel.in_progress(clock.now(), province, by="agency_id")
    units = []
    for agency, subtree in sel.ranking_units().values():
        row = defaultdict(int)
        for agency_id in subtree:
            t = totals.get((agency_id,))
            if t:
                row["received"] += t["received"]
                row["processed"] += t["finished_early"] + t["finished_on_time"] + t["finished_late"]
            p = judged.get(agency_id)
            if p:
                row["judged"] += p["received"]
                row["on_time"] += p["on_time"]
                row["late"] += p["late"]
            o = open_now.get(agency_id)
            if o:
                row["in_progress"] += o["total"]
                row["overdue"] += o["overdue"]
        units.append(
            {
                "agency": agency.name,
                "identifier": agency.identifier,
                "received": row["received"],
                "processed": row["processed"],
                "on_time": row["on_time"],
                "late": row["late"],
                "on_time_rate": _rate(row["on_time"], row["judged"]),
                "in_progress": row["in_progress"],
                "overdue": row["overdue"],
            }
        )
    by_procedure = sel.rollup_totals(period, province, ["procedure_id"])
    judged_p = sel.progress(period, province, by="procedure_id")
    names = {p.pk: p for p in Procedure.objects.filter(pk__in=[k[0] for k in by_procedure])}
    procedures = []
    for (pid,), t in by_procedure.items():
        if not t["received"] and not (t["finished_early"] + t["finished_on_time"] + t["finished_late"]):
            continue
        p = judged_p.get(pid, {"received": 0, "on_time": 0})
        procedures.append(
            {
                "code": names[pid].code if pid in names else "",
                "name": names[pid].name if pid in names else "",
                "received": t["received"],
                "processed": t["finished_early"] + t["finished_on_time"] + t["finished_late"],
                "on_time_rate": _rate(p["on_time"], p["received"]),
            }
        )
    procedures.sort(key=lambda r: -r["received"])
    latest = (
        DossierStat.objects.filter(received_at__isnull=False)
        .select_related("dossier__applicant", "dossier__competent_agency", "procedure")
        .order_by("-received_at")[:recent]
    )
    labels = dict(State.choices)
    return {
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "units": units,
        "procedures": procedures[:50],
        "recent": [
            {
                "code": f.dossier.code,
                "applicant": mask_name(f.dossier.applicant.full_name, f.dossier.applicant.kind),
                "procedure": f.procedure.name,
                "agency": f.dossier.competent_agency.name,
                "status": labels.get(f.dossier.state, f.dossier.state),
                "received_at": f.received_at.isoformat(),
                "ended_at": f.ended_at.isoformat() if f.ended_at else None,
                "judgement": f.judgement or None,
            }
            for f in latest
        ],
    }
