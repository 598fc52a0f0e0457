"""What is notified, to whom, on which channel: the kinds, the actions that cause them, and the
default texts (Vietnamese first, English second) that the data migration seeds as editable templates.

Sources: DOMAIN.md §4 (the dossier's life; an apology is delivered "at the desk or by email/SMS/Zalo")
and §7 (Zalo OA messages for nine statuses in production; an SMS warning hours before the appointment
when no result is ready).
"""

from django.db import models


class Kind(models.TextChoices):
    RECEIVED = "received", "Đã tiếp nhận hồ sơ"
    SUPPLEMENT_REQUESTED = "supplement_requested", "Yêu cầu bổ sung hồ sơ"
    PAYMENT_REQUESTED = "payment_requested", "Đề nghị thực hiện nghĩa vụ tài chính"
    APOLOGY = "apology", "Xin lỗi và hẹn lại ngày trả kết quả"
    RESULT_READY = "result_ready", "Đã có kết quả"
    REFUSED = "refused", "Từ chối tiếp nhận"
    STOPPED = "stopped", "Dừng xử lý"
    WITHDRAWN = "withdrawn", "Đã rút hồ sơ"
    RETURNED = "returned", "Đã trả kết quả"
    DUE_SOON = "due_soon", "Cảnh báo hồ sơ sắp đến hạn (cán bộ)"


class Channel(models.TextChoices):
    EMAIL = "email", "Thư điện tử"
    SMS = "sms", "Tin nhắn SMS"
    ZALO = "zalo", "Zalo OA"


class Status(models.TextChoices):
    PENDING = "pending", "Chờ gửi"
    SENT = "sent", "Đã gửi"
    FAILED = "failed", "Gửi lỗi, sẽ thử lại"
    DEAD = "dead", "Gửi lỗi, đã dừng thử lại"


class RecipientRole(models.TextChoices):
    APPLICANT = "applicant", "Chủ hồ sơ"
    REPRESENTATIVE = "representative", "Người được ủy quyền"
    OFFICER = "officer", "Cán bộ đang xử lý"
    LEADER = "leader", "Lãnh đạo"


# The action (lifecycle ACTIONS name) → the applicant's notification. "result_ready" is decided by
# the event's target state (issue_result reaches it), see `kind_for_event`.
ACTION_KINDS: dict[str, str] = {
    "receive": Kind.RECEIVED,
    "request_supplement": Kind.SUPPLEMENT_REQUESTED,
    "request_payment": Kind.PAYMENT_REQUESTED,
    "apologize": Kind.APOLOGY,
    "refuse": Kind.REFUSED,
    "stop": Kind.STOPPED,
    "withdraw": Kind.WITHDRAWN,
    "return_result": Kind.RETURNED,
}

# Kinds a person may switch off one by one (they only inform). The others ask the applicant to act
# or end the dossier (supplement, payment, apology, refusal, stop): those can only be switched off
# per channel, so at least the channels one keeps carry them.
OPTIONAL_KINDS = frozenset({Kind.RECEIVED, Kind.RESULT_READY, Kind.RETURNED, Kind.WITHDRAWN, Kind.DUE_SOON})


def kind_for_event(action: str, from_state: str, to_state: str) -> str | None:
    """The notification kind an event causes, or None (most processing steps notify nobody)."""
    if to_state == "result_ready" and from_state != "result_ready":
        return Kind.RESULT_READY
    return ACTION_KINDS.get(action)


# Placeholders a template may use (Django template syntax, e.g. {{ ma_ho_so }}); every one is given
# for every kind (empty when it does not apply).
PLACEHOLDERS = {
    "ten": "người nhận / recipient's name",
    "ma_ho_so": "mã hồ sơ / dossier code",
    "thu_tuc": "tên thủ tục / procedure name",
    "co_quan": "cơ quan tiếp nhận / receiving agency",
    "ngay_hen_tra": "ngày hẹn trả (dd/mm/yyyy HH:MM) / due date",
    "ngay_hen_cu": "ngày hẹn trước khi xin lỗi / due date before the apology",
    "ly_do": "lý do / reason",
    "giay_to_bo_sung": "giấy tờ cần bổ sung / what to supply",
    "so_tien": "số tiền phải nộp (đồng) / amount due",
    "gio_con_lai": "số giờ làm việc còn lại / working hours left",
    "duong_dan": "đường dẫn tra cứu / lookup link",
}

# kind → (subject_vi, body_vi, short_vi, subject_en, body_en). body: e-mail; short: SMS and Zalo.
DEFAULTS: dict[str, tuple[str, str, str, str, str]] = {
    Kind.RECEIVED: (
        "Hồ sơ {{ ma_ho_so }} đã được tiếp nhận",
        "Kính gửi {{ ten }},\n\nHồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) đã được {{ co_quan }} tiếp nhận. "
        "Ngày hẹn trả kết quả: {{ ngay_hen_tra }}.\nTra cứu tiến độ: {{ duong_dan }}",
        "Hồ sơ {{ ma_ho_so }} đã được tiếp nhận. Hẹn trả: {{ ngay_hen_tra }}. Tra cứu: {{ duong_dan }}",
        "Dossier {{ ma_ho_so }} received",
        "Dear {{ ten }},\n\nDossier {{ ma_ho_so }} ({{ thu_tuc }}) has been received by {{ co_quan }}. "
        "Results are due on {{ ngay_hen_tra }}.\nTrack it at {{ duong_dan }}",
    ),
    Kind.SUPPLEMENT_REQUESTED: (
        "Hồ sơ {{ ma_ho_so }} cần bổ sung, hoàn thiện",
        "Kính gửi {{ ten }},\n\nHồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) cần bổ sung, hoàn thiện: "
        "{{ giay_to_bo_sung }}{% if ly_do %} ({{ ly_do }}){% endif %}.\n"
        "Thời gian giải quyết tạm dừng cho đến khi nhận đủ hồ sơ bổ sung.\nChi tiết: {{ duong_dan }}",
        "Hồ sơ {{ ma_ho_so }} cần bổ sung: {{ giay_to_bo_sung }}. Chi tiết: {{ duong_dan }}",
        "Dossier {{ ma_ho_so }} needs more documents",
        "Dear {{ ten }},\n\nDossier {{ ma_ho_so }} ({{ thu_tuc }}) must be supplemented: "
        "{{ giay_to_bo_sung }}{% if ly_do %} ({{ ly_do }}){% endif %}.\n"
        "The processing time is paused until the supplement arrives.\nDetails: {{ duong_dan }}",
    ),
    Kind.PAYMENT_REQUESTED: (
        "Hồ sơ {{ ma_ho_so }}: đề nghị nộp phí, lệ phí",
        "Kính gửi {{ ten }},\n\nĐề nghị thực hiện nghĩa vụ tài chính cho hồ sơ {{ ma_ho_so }} "
        "({{ thu_tuc }}): {{ so_tien }} đồng.\nNộp trực tuyến hoặc tại bộ phận một cửa: {{ duong_dan }}",
        "Hồ sơ {{ ma_ho_so }}: đề nghị nộp {{ so_tien }} đồng. Chi tiết: {{ duong_dan }}",
        "Dossier {{ ma_ho_so }}: payment requested",
        "Dear {{ ten }},\n\nPlease pay {{ so_tien }} đồng for dossier {{ ma_ho_so }} ({{ thu_tuc }}), "
        "online or at the desk: {{ duong_dan }}",
    ),
    Kind.APOLOGY: (
        "Hồ sơ {{ ma_ho_so }}: thư xin lỗi và hẹn lại ngày trả kết quả",
        "Kính gửi {{ ten }},\n\n{{ co_quan }} xin lỗi vì hồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) chưa có "
        "kết quả đúng hẹn ({{ ngay_hen_cu }}). Lý do: {{ ly_do }}.\n"
        "Ngày hẹn trả kết quả mới: {{ ngay_hen_tra }}.\nChi tiết: {{ duong_dan }}",
        "Xin lỗi: hồ sơ {{ ma_ho_so }} hẹn lại ngày trả kết quả {{ ngay_hen_tra }}. Lý do: {{ ly_do }}",
        "Dossier {{ ma_ho_so }}: apology and new date",
        "Dear {{ ten }},\n\n{{ co_quan }} apologises: dossier {{ ma_ho_so }} ({{ thu_tuc }}) is not "
        "ready by {{ ngay_hen_cu }}. Reason: {{ ly_do }}.\nNew date: {{ ngay_hen_tra }}.\n"
        "Details: {{ duong_dan }}",
    ),
    Kind.RESULT_READY: (
        "Hồ sơ {{ ma_ho_so }} đã có kết quả",
        "Kính gửi {{ ten }},\n\nHồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) đã có kết quả giải quyết. "
        "Mời ông/bà nhận kết quả theo hình thức đã đăng ký.\nChi tiết: {{ duong_dan }}",
        "Hồ sơ {{ ma_ho_so }} đã có kết quả. Chi tiết: {{ duong_dan }}",
        "Dossier {{ ma_ho_so }}: result ready",
        "Dear {{ ten }},\n\nThe result of dossier {{ ma_ho_so }} ({{ thu_tuc }}) is ready; collect "
        "it the way you chose.\nDetails: {{ duong_dan }}",
    ),
    Kind.REFUSED: (
        "Hồ sơ {{ ma_ho_so }} không được tiếp nhận",
        "Kính gửi {{ ten }},\n\nHồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) không được tiếp nhận. "
        "Lý do: {{ ly_do }}.\nChi tiết: {{ duong_dan }}",
        "Hồ sơ {{ ma_ho_so }} không được tiếp nhận. Lý do: {{ ly_do }}",
        "Dossier {{ ma_ho_so }} not accepted",
        "Dear {{ ten }},\n\nDossier {{ ma_ho_so }} ({{ thu_tuc }}) was not accepted. "
        "Reason: {{ ly_do }}.\nDetails: {{ duong_dan }}",
    ),
    Kind.STOPPED: (
        "Hồ sơ {{ ma_ho_so }} bị dừng xử lý",
        "Kính gửi {{ ten }},\n\nViệc giải quyết hồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) đã dừng. "
        "Lý do: {{ ly_do }}.\nChi tiết: {{ duong_dan }}",
        "Hồ sơ {{ ma_ho_so }} bị dừng xử lý. Lý do: {{ ly_do }}",
        "Dossier {{ ma_ho_so }}: processing stopped",
        "Dear {{ ten }},\n\nProcessing of dossier {{ ma_ho_so }} ({{ thu_tuc }}) has stopped. "
        "Reason: {{ ly_do }}.\nDetails: {{ duong_dan }}",
    ),
    Kind.WITHDRAWN: (
        "Hồ sơ {{ ma_ho_so }} đã được rút",
        "Kính gửi {{ ten }},\n\nHồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) đã được rút theo đề nghị.",
        "Hồ sơ {{ ma_ho_so }} đã được rút theo đề nghị.",
        "Dossier {{ ma_ho_so }} withdrawn",
        "Dear {{ ten }},\n\nDossier {{ ma_ho_so }} ({{ thu_tuc }}) has been withdrawn as requested.",
    ),
    Kind.RETURNED: (
        "Hồ sơ {{ ma_ho_so }} đã trả kết quả",
        "Kính gửi {{ ten }},\n\nKết quả hồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) đã được trả. "
        "Mời ông/bà đánh giá mức độ hài lòng: {{ duong_dan }}",
        "Hồ sơ {{ ma_ho_so }} đã trả kết quả. Đánh giá: {{ duong_dan }}",
        "Dossier {{ ma_ho_so }}: result returned",
        "Dear {{ ten }},\n\nThe result of dossier {{ ma_ho_so }} ({{ thu_tuc }}) has been returned. "
        "Please rate the service: {{ duong_dan }}",
    ),
    Kind.DUE_SOON: (
        "Cảnh báo: hồ sơ {{ ma_ho_so }} sắp đến hạn trả kết quả",
        "Kính gửi {{ ten }},\n\nHồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) đến hạn trả kết quả lúc "
        "{{ ngay_hen_tra }} (còn {{ gio_con_lai }} giờ làm việc) mà chưa có kết quả.\n"
        "Xử lý: {{ duong_dan }}",
        "Hồ sơ {{ ma_ho_so }} đến hạn {{ ngay_hen_tra }} (còn {{ gio_con_lai }} giờ làm việc), "
        "chưa có kết quả.",
        "Warning: dossier {{ ma_ho_so }} is nearly due",
        "Dear {{ ten }},\n\nDossier {{ ma_ho_so }} ({{ thu_tuc }}) is due at {{ ngay_hen_tra }} "
        "({{ gio_con_lai }} working hours left) and has no result yet.\nOpen it: {{ duong_dan }}",
    ),
}
assert set(DEFAULTS) == set(Kind.values)
