"""`manage.py run_with_worker [addr:port]` (what `make run` starts): the development web server and
`manage.py worker` side by side as two child processes; when either ends, or on Ctrl-C / SIGTERM,
both are stopped. With MOTCUA_DVCQG_FAKE=1 (and no real portal configured) it also starts the fake
national portal on loopback and points the worker's connector at it, so the demo shows sync working,
and (`demo/national_inbound.py`, in a daemon thread) forwards one or two demo dossiers through the real
inbound endpoint once the web server answers, so the desk's national-portal bucket has work; likewise
MOTCUA_SMS_FAKE=1 / MOTCUA_ZALO_FAKE=1 start the fake SMS gateway / Zalo OA (notifications); with
MOTCUA_VNPAY_FAKE=1 (and no real gateway configured) the fake VNPay gateway, its IPN aimed at this
server, so the demo citizen can pay online."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy máy chủ web và tiến trình việc nền cùng lúc. / Run the web server and the worker together."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport="127.0.0.1:8000", **options):
        env = dict(os.environ)
        portal = None
        if settings.MOTCUA_DVCQG_FAKE and not settings.MOTCUA_DVCQG_SERVICE_URL:
            from motcua.integrations.national_portal.fake import FakePortal

            portal = FakePortal().start()
            env.update(portal.settings())
            self.stdout.write(f"Cổng DVCQG giả lập / fake national portal: {portal.url}")
        from motcua.notifications.channels.fakes import start_demo_fakes

        fakes = start_demo_fakes(env, self.stdout.write)
        gateway = None
        if settings.MOTCUA_VNPAY_FAKE and not settings.MOTCUA_VNPAY_PAY_URL:
            from motcua.payments.fake import FakeVnpay

            host, _, port = addrport.rpartition(":")
            gateway = FakeVnpay(ipn_url=f"http://{host or '127.0.0.1'}:{port}/thanh-toan/vnpay/ipn/").start()
            env.update(gateway.settings())
            self.stdout.write(f"Cổng thanh toán giả lập / fake VNPay gateway: {gateway.url}")
        manage = [sys.executable, "-m", "motcua.manage"]
        children = {
            "web": subprocess.Popen([*manage, "runserver", addrport], env=env),
            "worker": subprocess.Popen([*manage, "worker"], env=env),
        }
        if portal is not None:  # the demo: the portal forwards a dossier or two once the server is up
            from motcua.demo.national_inbound import forward_in_background

            host, _, port = addrport.rpartition(":")
            host = "127.0.0.1" if host in ("", "0", "0.0.0.0", "[::]") else host
            forward_in_background(f"http://{host}:{port}", self.stdout)
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        code = 0
        try:
            while not stopping:
                ended = [name for name, p in children.items() if p.poll() is not None]
                if ended:
                    code = children[ended[0]].returncode or 0
                    self.stderr.write(
                        f"{ended[0]} đã dừng / stopped ({code}); dừng phần còn lại / stopping the rest"
                    )
                    break
                time.sleep(0.2)
        finally:
            for p in children.values():
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 10
            for p in children.values():
                try:
                    p.wait(max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
            if portal is not None:
                portal.stop()
            for fake in fakes:
                fake.stop()
            if gateway is not None:
                gateway.stop()
        if code:
            sys.exit(code)
