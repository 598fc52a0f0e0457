"""`manage.py integration_account USERNAME [--token NAME]`: create (or find) the national portal's
integration account — a user with no usable password and no staff role, holding only
`integrations.receive_national_dossiers` — and, with `--token`, issue it a bearer token, printed once
(docs/integrations.md, "Inbound dossiers"). The token lives MOTCUA_API_TOKEN_TTL_HOURS; issue a new one
before it expires (the old one keeps working until then, or until revoked)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from motcua.api.auth import token_expires_at, token_issue
from motcua.integrations.accounts import grant, is_integration_account
from motcua.organizations.models import User


class Command(BaseCommand):
    help = "Tạo tài khoản kết nối Cổng DVCQG và mã truy cập. / Create the portal's integration account."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--token", metavar="NAME", help="cấp mã truy cập mới / issue a new bearer token")

    @transaction.atomic
    def handle(self, *args, **options):
        user, created = User.objects.get_or_create(
            username=options["username"], defaults={"first_name": "Cổng DVCQG", "last_name": "Kết nối"}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if not is_integration_account(user):
            grant(user)
        self.stdout.write(
            f"{'Đã tạo' if created else 'Đã có'} tài khoản kết nối {user.username}. "
            f"/ Integration account {user.username} {'created' if created else 'exists'}."
        )
        if options["token"]:
            token, clear = token_issue(user, options["token"])
            self.stdout.write(f"Bearer {clear}")
            self.stdout.write(f"Hết hạn / expires: {token_expires_at(token).isoformat()}")
