"""`python -m motcua.manage demo_banner --port 8000`: where to go and the demo accounts."""

from django.core.management.base import BaseCommand

from motcua.demo.banner import banner


class Command(BaseCommand):
    help = "In địa chỉ truy cập và tài khoản demo. / Print where to go and the demo accounts."

    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, port, host, **options):
        self.stdout.write(banner(port=port, host=host))
