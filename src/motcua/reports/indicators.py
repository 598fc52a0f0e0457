"""The Decision 766 indicators (DOMAIN.md §8) as configuration: their defaults, and the settings a
province admin edits (`IndicatorSetting`, Django admin "Chỉ tiêu Bộ chỉ số 766").

Every indicator has a code (the national portal's where known), a group (the portal's group key), the
maximum points, a threshold (the rate at which the full points are reached), a formula name
(`models.Formula`) and its source. Indicators the system cannot know are `no_data`: shown as "no
data", never scored.

Sources: Decision 766/QĐ-TTg (23 Jun 2022) published five groups (18/20/22/22/18); the six groups and
per-indicator formulas below are as the national portal computed them in 2026, reconstructed from
its scoring responses and an administrators' formula note (medium confidence: no official appendix
was found) — DOMAIN.md §8.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

SOURCE_766 = "QĐ 766/QĐ-TTg; cách Cổng DVCQG tính năm 2026 (DOMAIN.md §8, độ tin cậy trung bình)"

GROUPS: dict[str, tuple[str, str, int]] = {
    # key: (Vietnamese name, English name, maximum points)
    "transparency": ("Công khai, minh bạch", "Publicity and transparency", 18),
    "dvc-progress-tree": ("Tiến độ giải quyết", "Progress", 20),
    "provide-online-tree": ("Dịch vụ trực tuyến", "Online service", 12),
    "formality-online-payment-tree": ("Thanh toán trực tuyến", "Online payment", 10),
    "handling-satisfaction": ("Mức độ hài lòng", "Satisfaction", 18),
    "dossier-digitized": ("Số hóa hồ sơ", "Digitisation", 22),
}


@dataclass(frozen=True)
class Indicator:
    code: str
    group: str
    name: str
    max_points: Decimal
    threshold: Decimal
    formula: str
    source: str
    position: int = 0


def _i(position, code, group, name, points, formula, threshold="1", source=SOURCE_766) -> Indicator:
    return Indicator(code, group, name, Decimal(str(points)), Decimal(threshold), formula, source, position)


DEFAULTS: tuple[Indicator, ...] = (
    _i(
        10,
        "PUBLISH_ON_TIME",
        "transparency",
        "Công bố, công khai TTHC đúng hạn",
        6,
        "no_data",
        source=SOURCE_766 + "; cần ngày công bố trên CSDL quốc gia về TTHC (hệ thống không có)",
    ),
    _i(
        11,
        "PUBLIC_UPDATE_ON_TIME",
        "transparency",
        "Cập nhật, công khai TTHC đúng hạn",
        4,
        "no_data",
        source=SOURCE_766 + "; cần dữ liệu CSDL quốc gia về TTHC (hệ thống không có)",
    ),
    _i(
        12,
        "PUBLIC_CONTENT_FULL",
        "transparency",
        "Công khai đầy đủ nội dung TTHC",
        2,
        "no_data",
        source=SOURCE_766 + "; do Cổng DVCQG đánh giá (hệ thống không có)",
    ),
    _i(
        13,
        "DOSSIER_SYNC",
        "transparency",
        "Hồ sơ đồng bộ lên Cổng DVCQG",
        6,
        "rate",
        source=SOURCE_766 + "; hồ sơ đã đồng bộ có ngày tiếp nhận trong kỳ ÷ hồ sơ tiếp nhận trong kỳ",
    ),
    _i(
        20,
        "ON_TIME",
        "dvc-progress-tree",
        "Hồ sơ giải quyết đúng hạn",
        20,
        "rate",
        source=SOURCE_766 + "; 20 × đúng hạn ÷ tiếp nhận",
    ),
    _i(
        30,
        "ONLINE_PROCEDURE_RATE",
        "provide-online-tree",
        "TTHC cung cấp trực tuyến (A)",
        2,
        "rate_threshold",
        "0.8",
        SOURCE_766 + "; min(2, 2·A/0,8)",
    ),
    _i(
        31,
        "ONLINE_SERVICE_USED",
        "provide-online-tree",
        "DVC trực tuyến phát sinh hồ sơ (B)",
        4,
        "rate",
        source=SOURCE_766 + "; 4·B",
    ),
    _i(
        32,
        "ONLINE_DOSSIER_RATE",
        "provide-online-tree",
        "Hồ sơ trực tuyến (C)",
        6,
        "rate_threshold",
        "0.5",
        SOURCE_766 + "; min(6, 6·C/0,5), C = hồ sơ trực tuyến ÷ hồ sơ tiếp nhận (× tỷ lệ đồng bộ)",
    ),
    _i(
        40,
        "ONLINE_PAYMENT_RATE",
        "formality-online-payment-tree",
        "Hồ sơ thanh toán trực tuyến",
        6,
        "rate",
        source=SOURCE_766 + "; hồ sơ thanh toán trực tuyến ÷ hồ sơ có phí, lệ phí khác 0",
    ),
    _i(
        41,
        "ONLINE_PAYMENT_INTEGRATED",
        "formality-online-payment-tree",
        "TTHC có phí đã tích hợp thanh toán trực tuyến",
        Decimal("4.5"),
        "no_data",
        "0.8",
        SOURCE_766 + "; các phần công bố cộng lại 10,5 điểm (câu hỏi mở); cần dữ liệu tích hợp thanh toán",
    ),
    _i(
        50,
        "PETITION_PROCESSING_ON_TIME",
        "handling-satisfaction",
        "Xử lý phản ánh, kiến nghị đúng hạn",
        6,
        "no_data",
        source=SOURCE_766 + "; phản ánh, kiến nghị xử lý ở hệ thống khác",
    ),
    _i(
        51,
        "PETITION_HANDLING_SATISFACTION",
        "handling-satisfaction",
        "Hài lòng với xử lý phản ánh, kiến nghị",
        6,
        "no_data",
        source=SOURCE_766 + "; phản ánh, kiến nghị xử lý ở hệ thống khác",
    ),
    _i(
        52,
        "DOSSIER_RECEIVING_SATISFACTION",
        "handling-satisfaction",
        "Hài lòng về tiếp nhận, giải quyết",
        6,
        "rate_threshold",
        "0.9",
        SOURCE_766 + "; min(6, 6 × tỷ lệ ÷ 0,9), tỷ lệ = 100% − (tỷ lệ trễ hạn"
        " + tỷ lệ đánh giá không hài lòng)",
    ),
    _i(
        60,
        "ORIGINAL_RESULT_AVAILABLE",
        "dossier-digitized",
        "Kết quả giải quyết điện tử",
        6,
        "rate",
        source=SOURCE_766 + "; hồ sơ có kết quả điện tử ÷ hồ sơ có kết quả",
    ),
    _i(
        61,
        "SO_HOA_GIAY_TO_GIAI_QUYET",
        "dossier-digitized",
        "Số hóa hồ sơ, giấy tờ",
        4,
        "rate_threshold",
        "0.8",
        SOURCE_766 + "; hồ sơ có thành phần được số hóa ÷ hồ sơ tiếp nhận, đủ điểm ở 80%",
    ),
    _i(
        62,
        "ELECTRONIC_CERTIFIED_COPY",
        "dossier-digitized",
        "Chứng thực bản sao điện tử",
        2,
        "no_data",
        source=SOURCE_766 + "; hệ thống chưa có chứng thực điện tử",
    ),
    _i(
        63,
        "REUSED_DIGITIZED_DATA",
        "dossier-digitized",
        "Tái sử dụng dữ liệu số hóa",
        2,
        "rate_threshold",
        "0.8",
        SOURCE_766 + "; hồ sơ có giấy tờ lấy từ kho dữ liệu ÷ hồ sơ tiếp nhận, đủ điểm ở 80%",
    ),
    _i(
        64,
        "SYNCED_WITH_DVCQG_PERSONAL_STORAGE",
        "dossier-digitized",
        "Đồng bộ kho dữ liệu cá nhân Cổng DVCQG",
        4,
        "no_data",
        source=SOURCE_766 + "; do Cổng DVCQG ghi nhận",
    ),
    _i(
        65,
        "CITIZEN_DATA_CONNECTED_DOSSIER",
        "dossier-digitized",
        "Hồ sơ kết nối CSDL dân cư",
        2,
        "no_data",
        source=SOURCE_766 + "; hệ thống chưa kết nối CSDL quốc gia về dân cư",
    ),
    _i(
        66,
        "CITIZEN_DATA_CONNECTED_FORMALITY",
        "dossier-digitized",
        "TTHC kết nối CSDL dân cư",
        2,
        "no_data",
        source=SOURCE_766 + "; hệ thống chưa kết nối CSDL quốc gia về dân cư",
    ),
)
assert sum(g[2] for g in GROUPS.values()) == 100


def configured() -> list[Indicator]:
    """The indicators in force: the province's settings where present, the defaults otherwise."""
    from .models import IndicatorSetting

    rows = {r.code: r for r in IndicatorSetting.objects.all()}
    out = []
    for d in DEFAULTS:
        r = rows.get(d.code)
        if r is None:
            out.append(d)
        else:
            out.append(
                Indicator(r.code, r.group, r.name, r.max_points, r.threshold, r.formula, r.source, r.position)
            )
    return out


def seed_defaults(IndicatorSetting) -> int:
    """Create the settings rows the province does not have yet; returns how many."""
    have = set(IndicatorSetting.objects.values_list("code", flat=True))
    new = [
        IndicatorSetting(
            code=d.code,
            group=d.group,
            name=d.name,
            max_points=d.max_points,
            threshold=d.threshold,
            formula=d.formula,
            source=d.source,
            position=d.position,
        )
        for d in DEFAULTS
        if d.code not in have
    ]
    IndicatorSetting.objects.bulk_create(new)
    return len(new)
