"""Helpers of the inbound tests: the integration account and its bearer token, and posting a record
to `POST /api/v1/integrations/dvcqg/dossiers`."""

import json

from motcua.api.auth import token_issue
from motcua.integrations.accounts import grant
from tests.factories.organizations import UserFactory

URL = "/api/v1/integrations/dvcqg/dossiers"


def integration_token() -> tuple[object, str]:
    account = UserFactory(username="dvcqg-ketnoi")
    grant(account)
    return account, token_issue(account, "dvcqg")[1]


def post_record(client, token: str, record) -> object:
    return client.post(
        URL, data=json.dumps(record), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


def stored_files(media_root) -> list:
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
