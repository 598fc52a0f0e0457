"""The catalogue pull: `LayDanhSachTTHC` (which procedures) then `LayThuTuc` (each one's record in the
national layout), published into the versioned catalogue through `catalog.importing.catalog_import` —
the same door as a file import, so every check applies. Records are imported one by one: a bad record
is reported with its problems and does not hold back the others; an unchanged one adds no version."""

from __future__ import annotations

from dataclasses import dataclass, field

from motcua.catalog.importing import CatalogImportError, catalog_import
from motcua.integrations.registry import DeliveryError

from .client import PortalClient
from .options import options_from_settings

CHANGE_NOTE = "Cập nhật từ Cổng Dịch vụ công quốc gia (LayThuTuc)"


class PortalNotConfigured(Exception):
    pass


@dataclass
class PullReport:
    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: dict[str, list[str]] = field(default_factory=dict)  # code → problems ("path: vi / en")
    failed: dict[str, str] = field(default_factory=dict)  # code → transport/portal error code

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "unchanged": self.unchanged,
            "refused": self.refused,
            "failed": self.failed,
        }


def _list(answer: dict) -> list:
    result = answer.get("result", answer.get("data"))
    if isinstance(result, dict):
        result = result.get("data", [result])
    return result if isinstance(result, list) else []


def catalogue_codes(client: PortalClient) -> list[str]:
    """The procedure codes `LayDanhSachTTHC` lists (MATTHC or MaTTHC of each item)."""
    codes = []
    for item in _list(client.call("LayDanhSachTTHC")):
        code = item.get("MATTHC") or item.get("MaTTHC") if isinstance(item, dict) else item
        if code:
            codes.append(str(code))
    return codes


def catalogue_pull(codes: list[str] | None = None, *, client: PortalClient | None = None) -> PullReport:
    """Pull `codes` (default: every code LayDanhSachTTHC lists) and publish what changed.

    Raises PortalNotConfigured when the connector is disabled, DeliveryError when the list itself
    cannot be fetched; a failure on one procedure is recorded in the report and the pull goes on."""
    if client is None:
        options = options_from_settings()
        if options is None:
            raise PortalNotConfigured("MOTCUA_DVCQG_* chưa được đặt / the national portal is not configured")
        client = PortalClient(options)
    report = PullReport()
    for code in codes if codes is not None else catalogue_codes(client):
        try:
            records = _list(client.call("LayThuTuc", MaTTHC=code))
        except DeliveryError as exc:
            report.failed[code] = exc.code
            continue
        try:
            result = catalog_import(records, change_note=CHANGE_NOTE)
        except CatalogImportError as exc:
            report.refused[code] = [f"{e.path}: {e.message_vi} / {e.message_en}" for e in exc.errors]
            continue
        report.created += result.created
        report.unchanged += result.unchanged
    return report
