"""What the lab's load test needs from the lab's database (scripts/lab.sh writes it to
var/lab/fixtures.json): API tokens for a desk officer and an officer, session cookies for officers'
pages, public-lookup pairs (code, ID number), procedure codes, and the parameters of a desk submission
(the same as bench/bench_receive.py's). Run with the lab's environment (DATABASE_URL of the primary)."""

from __future__ import annotations

import json
import os
import sys

from _common import django_setup


def main(path: str) -> None:
    django_setup(os.environ["DATABASE_URL"])  # the lab's primary, not the bench database
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from motcua.api.auth import token_issue
    from motcua.catalog.models import Procedure
    from motcua.demo.agencies import commune_by_slug
    from motcua.dossiers.models import Dossier
    from motcua.organizations.models import Agency, Applicant, User

    def session_for(username: str) -> str:
        user = User.objects.get(username=username)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        return session.session_key

    commune = commune_by_slug("vinhbao")
    centre = Agency.objects.get(identifier=commune.centre_identifier)
    committee = Agency.objects.get(identifier=commune.identifier)
    from motcua.dossiers.selectors import dossier_worklist

    officer = User.objects.get(username="thuly.vinhbao")
    fixtures = {
        "desk_token": token_issue(User.objects.get(username="tiepnhan.vinhbao"), name="lab")[1],
        "officer_token": token_issue(officer, name="lab")[1],
        "officer_session": session_for("thuly.vinhbao"),
        "officer_codes": [d.code for d in dossier_worklist(officer, limit=50)],
        "leader_session": session_for("lanhdao.vinhbao"),
        "lookups": list(
            Dossier.objects.filter(applicant__id_number__gt="")
            .values_list("code", "applicant__id_number")
            .order_by("id")[:200]
        ),
        "procedures": list(Procedure.objects.values_list("code", flat=True).order_by("code")),
        "submit": {
            "procedure": "1.001193",
            "channel": "post",
            "competent_agency": committee.identifier,
            "receiving_agency": centre.identifier,
            "eform_data": {},
            "components": [{"position": 1, "digitised": True}, {"position": 2}, {"position": 3}],
        },
        "applicants": list(Applicant.objects.order_by("pk").values_list("pk", flat=True)[:50]),
    }
    with open(path, "w") as fh:
        json.dump(fixtures, fh)
    print(f"lab fixtures: {path}")


if __name__ == "__main__":
    main(sys.argv[1])
