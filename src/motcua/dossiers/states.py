"""Local dossier states and the ONE mapping to the national status codes (TrangThaiHoSo, DOMAIN §5).

The dossier stores both its local state and the national code; the code is always derived from
the state through `NATIONAL_STATUS` (the lifecycle writes both, and a database CheckConstraint built
from the same mapping refuses any row where they disagree).
"""

from django.db import models
from django.db.models import Q

from motcua.core.choices import CHANNEL_NATIONAL_CODE
from motcua.core.choices import Channel as CatalogChannel


class State(models.TextChoices):
    SUBMITTED = "submitted", "Mới nộp, chờ tiếp nhận"
    RECEIVED = "received", "Đã tiếp nhận"
    REFUSED = "refused", "Từ chối tiếp nhận"
    PROCESSING = "processing", "Đang xử lý"
    SUPPLEMENT_REQUESTED = "supplement_requested", "Yêu cầu bổ sung"
    PAYMENT_REQUESTED = "payment_requested", "Chờ thực hiện nghĩa vụ tài chính"
    APPROVED = "approved", "Đã phê duyệt, chờ ban hành kết quả"
    REJECTED = "rejected", "Không giải quyết, chờ ban hành văn bản trả lời"
    RESULT_READY = "result_ready", "Đã có kết quả"
    RETURNED = "returned", "Đã trả kết quả"
    WITHDRAWN = "withdrawn", "Công dân rút hồ sơ"
    STOPPED = "stopped", "Dừng xử lý"


class NationalStatus(models.IntegerChoices):
    NEW = 1, "Mới đăng ký"
    RECEIVED = 2, "Đã tiếp nhận"
    NOT_RECEIVED = 3, "Không được tiếp nhận"
    PROCESSING = 4, "Đang xử lý"
    SUPPLEMENT = 5, "Yêu cầu bổ sung giấy tờ"
    FINANCIAL = 6, "Yêu cầu thực hiện nghĩa vụ tài chính"
    WITHDRAWN = 7, "Công dân yêu cầu rút hồ sơ"
    STOPPED = 8, "Dừng xử lý"
    PROCESSED = 9, "Đã xử lý xong"
    RETURNED = 10, "Đã trả kết quả"


NATIONAL_STATUS: dict[str, int] = {
    State.SUBMITTED: NationalStatus.NEW,
    State.RECEIVED: NationalStatus.RECEIVED,
    State.REFUSED: NationalStatus.NOT_RECEIVED,
    State.PROCESSING: NationalStatus.PROCESSING,
    State.SUPPLEMENT_REQUESTED: NationalStatus.SUPPLEMENT,
    State.PAYMENT_REQUESTED: NationalStatus.FINANCIAL,
    # A decision taken but not yet numbered, stamped and issued is still being processed.
    State.APPROVED: NationalStatus.PROCESSING,
    State.REJECTED: NationalStatus.PROCESSING,
    State.RESULT_READY: NationalStatus.PROCESSED,
    State.RETURNED: NationalStatus.RETURNED,
    State.WITHDRAWN: NationalStatus.WITHDRAWN,
    State.STOPPED: NationalStatus.STOPPED,
}
assert set(NATIONAL_STATUS) == set(State.values)

# States in which the dossier's life is over: nothing but reading is left.
FINAL_STATES = frozenset({State.REFUSED, State.RETURNED, State.WITHDRAWN, State.STOPPED})
# The statutory clock runs (or is paused) between receipt and the result being ready.
CLOCK_STATES = frozenset(
    {
        State.RECEIVED,
        State.PROCESSING,
        State.SUPPLEMENT_REQUESTED,
        State.PAYMENT_REQUESTED,
        State.APPROVED,
        State.REJECTED,
    }
)


def national_status_for(state: str) -> int:
    return int(NATIONAL_STATUS[state])


def state_matches_national_status() -> Q:
    """The CheckConstraint condition: (state, national_status) is one of the mapping's pairs."""
    condition = Q()
    for state, code in NATIONAL_STATUS.items():
        condition |= Q(state=state, national_status=int(code))
    return condition


class Channel(models.TextChoices):
    """How the dossier arrived; the catalogue's three channels plus the national portal (synced in)."""

    IN_PERSON = CatalogChannel.IN_PERSON.value, CatalogChannel.IN_PERSON.label
    ONLINE = CatalogChannel.ONLINE.value, CatalogChannel.ONLINE.label
    POST = CatalogChannel.POST.value, CatalogChannel.POST.label
    NATIONAL_PORTAL = "national_portal", "Trực tuyến qua Cổng Dịch vụ công quốc gia"


ONLINE_CHANNELS = frozenset({Channel.ONLINE, Channel.NATIONAL_PORTAL})


def catalogue_channel(channel: str) -> str:
    """The catalogue channel whose processing time and fees apply (the national portal is online)."""
    return CatalogChannel.ONLINE if channel == Channel.NATIONAL_PORTAL else channel


def channel_national_code(channel: str) -> str:
    """KenhThucHien: 1 in person, 2 online (ours or the national portal's), 3 public post."""
    return CHANNEL_NATIONAL_CODE[CatalogChannel(catalogue_channel(channel))]


class StepOutcome(models.TextChoices):
    EARLY = "early", "Trước hạn"  # the word of the forms (form 06, the tracking book)
    ON_TIME = "on_time", "Đúng hạn"
    LATE = "late", "Trễ hạn"


class ReturnChannel(models.TextChoices):
    DESK = "desk", "Trả tại bộ phận một cửa"
    POST = "post", "Trả qua dịch vụ bưu chính"
    ELECTRONIC = "electronic", "Trả kết quả điện tử"


class Outcome(models.TextChoices):
    APPROVED = "approved", "Giải quyết"
    REJECTED = "rejected", "Không giải quyết"
