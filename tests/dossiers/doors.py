"""The front doors of a submission, for the tests that check each door gives the same verdict in the
same words: the API (bearer tokens, citizen and desk), the portal's wizard and the desk's registration
page. The world is the portal's: the demo's birth registration (1.001193) with its real e-form and
three mandatory components, published for two communes."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pytest
from django.test import Client

from tests.api.test_dossier_full_life import Caller
from tests.portal.helpers import start, step_url
from tests.portal.world import BIRTH, BIRTH_FORM, PortalWorld, make_portal_world

__all__ = ["BIRTH_FORM", "Doors", "doors", "page_text", "problem"]


@dataclass
class Doors:
    world: PortalWorld
    citizen: Caller
    desk: Caller

    def body(self, **extra) -> dict:
        """A complete online submission: the e-form filled, the three components listed (`api_submit`
        sends a small PDF for each)."""
        return {
            "procedure": BIRTH,
            "competent_agency": self.world.committee.identifier,
            "receiving_agency": self.world.centre.identifier,
            "eform_data": dict(BIRTH_FORM),
            "components": [{"position": p} for p in (1, 2, 3)],
            **extra,
        }

    def api_submit(self, caller: Caller | None = None, key: str | None = None, files=None, **extra):
        """POST the multipart submission: `body(**extra)` and `files` (position → uploads; by default
        a small PDF for each component listed)."""
        headers = {"Idempotency-Key": key} if key else {}
        return (caller or self.citizen).post_multipart(
            "/api/v1/dossiers", self.body(**extra), files, **headers
        )

    def api_desk_register(self, **extra):
        """The desk registers a dossier that came by post through the API (`submit` by a desk officer,
        the paper components declared received); `receive` follows as an action."""
        body = {
            **self.body(channel="post", applicant_id=self.world.applicant.pk),
            "components": [{"position": p} for p in (1, 2, 3)],
            **extra,
        }
        return self.desk.post("/api/v1/dossiers", body)

    def portal_client(self, english: bool = False) -> Client:
        client = Client()
        client.force_login(self.world.citizen)
        if english:
            assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
        return client

    def portal_eform(self, client: Client, **changes) -> str:
        """Post the wizard's e-form step with BIRTH_FORM changed; the page's text."""
        draft = start(client)
        response = client.post(step_url(draft, "thong-tin"), {**BIRTH_FORM, **changes, "go": "next"})
        assert response.status_code == 200, response.status_code  # re-shown with its errors
        return page_text(response)

    def desk_page(self, **changes):
        """The desk's registration page, a walk-in citizen, the given fields changed."""
        client = Client()
        client.force_login(self.world.desk)
        data = {
            "procedure": BIRTH,
            "receiving_agency": self.world.centre.pk,
            "channel": "in_person",
            "competent_agency": self.world.committee.pk,
            "kind": "citizen",
            "identifier": "031200009999",
            "full_name": "Lê Văn Tám",
            "phone": "0901234567",
            "address": "12 Trần Phú, Hải Phòng",
            "comp_1": "1",
            "comp_2": "1",
            "comp_3": "1",
            "decision": "receive",
            **changes,
        }
        return client.post("/can-bo/tiep-nhan/", {k: v for k, v in data.items() if v is not None})


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == code, body
    assert body["detail"] and body["detail_en"]
    return body


@pytest.fixture
def doors(db, settings, tmp_path) -> Doors:
    settings.MEDIA_ROOT = tmp_path / "media"
    world = make_portal_world()
    return Doors(world=world, citizen=Caller(world.citizen), desk=Caller(world.desk))
