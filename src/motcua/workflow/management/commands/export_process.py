"""`python -m motcua.manage export_process [--code 1.001612 ...] [--agency ID] [--id N] [-o FILE]`:
process definitions as JSON. By default the published definitions (generic and agency-specific) of the
given procedures, or of all procedures; `--id` picks definitions by id, whatever their status."""

from django.core.management.base import BaseCommand, CommandError

from motcua.core.commands import write_json
from motcua.workflow.models import DefinitionStatus, ProcessDefinition
from motcua.workflow.services import process_definition_export


class Command(BaseCommand):
    help = "Xuất quy trình nội bộ ra JSON. / Export internal process definitions as JSON."

    def add_arguments(self, parser):
        parser.add_argument(
            "--code", action="append", dest="codes", metavar="MATTHC", help="Mã thủ tục (lặp lại được)."
        )
        parser.add_argument("--agency", help="Mã định danh cơ quan của quy trình riêng. / Agency identifier.")
        parser.add_argument(
            "--id", action="append", dest="ids", type=int, help="Số quy trình (lặp lại được)."
        )
        parser.add_argument("-o", "--output", help="Tệp ghi ra (mặc định stdout). / Output file.")

    def handle(self, *args, codes, agency, ids, output, **options):
        qs = ProcessDefinition.objects.select_related("procedure", "agency").order_by(
            "procedure__code", "agency__identifier", "number"
        )
        qs = qs.filter(pk__in=ids) if ids else qs.filter(status=DefinitionStatus.PUBLISHED)
        if codes:
            qs = qs.filter(procedure__code__in=codes)
        if agency:
            qs = qs.filter(agency__identifier=agency)
        records = [process_definition_export(d) for d in qs]
        if not records:
            raise CommandError(
                "Không có quy trình nào phù hợp. / No matching process definition.", returncode=1
            )
        data = records[0] if len(records) == 1 else records
        if not write_json(self, data, output):
            return
        self.stdout.write(
            f"Đã xuất {len(records)} quy trình vào {output}. / Exported {len(records)} to {output}."
        )
