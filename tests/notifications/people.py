"""Dossier lives that end in each notifying event, with an applicant who has an e-mail address and
an authorised representative (who has no account here). Each life ends with the worker's projector
having run (tests/projection.py): its messages are written."""

from tests.dossiers.world import act, receive, to_result, vn
from tests.projection import projected

APPLICANT_EMAIL = "binh@example.vn"
APPLICANT_PHONE = "0912345678"
REP = {"name": "Lê Văn Cường", "id_number": "031099000111", "phone": "0987654321", "relation": "Con"}


def with_email(world):
    world.applicant.email = APPLICANT_EMAIL
    world.applicant.save(update_fields=["email"])
    return world


@projected
def received(w, clock=None):
    return receive(w, representative=REP)


@projected
def supplement_requested(w, clock=None):
    return act(received(w), "request_supplement", w.officer, reason="Ảnh mờ", missing=["Bản sao CCCD"])


@projected
def payment_requested(w, clock=None):
    return act(received(w), "request_payment", w.officer, amount=50000, description="Lệ phí")


@projected
def apology(w, clock):
    d = received(w)
    clock.set(vn(2026, 3, 5, 15, 0))  # past the due date (Thursday 09:00)
    return act(
        d, "apologize", w.leader, reason="Chờ kết quả xác minh", new_due_at="2026-03-10T16:00:00+07:00"
    )


@projected
def result_ready(w, clock=None):
    return to_result(w, received(w))


@projected
def refused(w, clock=None):
    return act(received(w), "refuse", w.desk, reason="Không thuộc thẩm quyền")


@projected
def stopped(w, clock=None):
    return act(received(w), "stop", w.leader, reason="Có tranh chấp")


@projected
def withdrawn(w, clock=None):
    return act(received(w), "withdraw", w.citizen, reason="Không còn nhu cầu")


@projected
def returned(w, clock=None):
    return act(result_ready(w), "return_result", w.desk)


LIVES = {
    "received": received,
    "supplement_requested": supplement_requested,
    "payment_requested": payment_requested,
    "apology": apology,
    "result_ready": result_ready,
    "refused": refused,
    "stopped": stopped,
    "withdrawn": withdrawn,
    "returned": returned,
}
