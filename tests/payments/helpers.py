"""Starting a payment as the citizen's door does (the domain service), and reading back what changed."""

from motcua.dossiers.models import Dossier
from motcua.payments import services
from motcua.payments.models import PaymentAttempt, PaymentCallback


def start(world, dossier, live_server) -> services.Started:
    return services.start_payment(
        dossier.code,
        world.citizen,
        client_ip="127.0.0.1",
        return_url=f"{live_server.url}/thanh-toan/vnpay/ket-qua/",
    )


def reloaded(dossier) -> Dossier:
    return Dossier.objects.get(pk=dossier.pk)


def attempt(started) -> PaymentAttempt:
    return PaymentAttempt.objects.get(pk=started.attempt.pk)


def ipn_answers(started) -> list[str]:
    return list(
        PaymentCallback.objects.filter(attempt_id=started.attempt.pk, kind="ipn")
        .order_by("pk")
        .values_list("answer", flat=True)
    )


def pay_events(dossier) -> int:
    return dossier.events.filter(action="pay").count()
