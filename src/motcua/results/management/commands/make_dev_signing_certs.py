"""`manage.py make_dev_signing_certs [--agency IDENTIFIER …]`: a development CA (kept under
MOTCUA_VAR_DIR/dev-signing-ca/, never committed) and a signing certificate for each agency that has
none. For the demo and tests only (docs/results.md)."""

from django.core.management.base import BaseCommand

from motcua.organizations.models import Agency
from motcua.results import devca


class Command(BaseCommand):
    help = "Tạo CA phát triển và chứng thư ký số thử nghiệm cho các cơ quan (chỉ dùng demo/kiểm thử)."

    def add_arguments(self, parser):
        parser.add_argument("--agency", action="append", default=[], help="mã định danh cơ quan")

    def handle(self, *args, **options):
        agencies = Agency.objects.all()
        if options["agency"]:
            agencies = agencies.filter(identifier__in=options["agency"])
        ca = devca.load_or_make_ca()
        made = devca.certify_agencies(agencies, ca)
        self.stdout.write(f"CA: {devca.ca_dir() / 'ca.pem'}; chứng thư mới / new certificates: {made}")
