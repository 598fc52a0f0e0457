"""`python -m motcua.manage ensure_processes`: every published procedure without a published generic
process gets the default four-step one. Idempotent: running it again creates nothing."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from motcua.workflow.services import process_definitions_ensure


class Command(BaseCommand):
    help = (
        "Tạo quy trình nội bộ mặc định cho các thủ tục chưa có quy trình. "
        "/ Give every published procedure without a process the default one."
    )

    def handle(self, *args, **options):
        try:
            created = process_definitions_ensure()
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages), returncode=1) from None
        for definition in created:
            self.stdout.write(f"+ {definition.procedure.code}: {definition.name}", ending="\n")
        self.stdout.write(
            f"Đã tạo {len(created)} quy trình mặc định. / Created {len(created)} default processes."
        )
