"""Import and export of the catalogue in the national layout (see national_format and docs/catalog-format.md).

An import is all or nothing: every record is checked first and every problem reported; only a file with no
problem is published, in one transaction, through `procedure_publish` (so re-importing the same file
changes nothing).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from motcua.core.bilingual import split_bilingual
from motcua.organizations.models import Agency

from .models import Procedure
from .national_format import parse_record, spec_to_record
from .selectors import VERSION_PREFETCH, version_to_spec
from .services import procedure_publish
from .spec import ProcedureSpec

DEFAULT_CHANGE_NOTE = "Nhập từ tệp danh mục thủ tục hành chính (định dạng quốc gia)"
_WRAPPER_KEYS = ("data", "result", "Data", "Result", "DATA", "RESULT")


@dataclass(frozen=True)
class RecordError:
    """One problem: the record's position in the file (None: the file as a whole), its MATTHC when it
    could be read, the field path inside the record, and the message in Vietnamese and English."""

    index: int | None
    code: str | None
    path: str
    message_vi: str
    message_en: str

    def __str__(self) -> str:
        where = "Tệp" if self.index is None else f"Bản ghi [{self.index}]"
        if self.code:
            where += f" ({self.code})"
        if self.path:
            where += f" {self.path}"
        return f"{where}: {self.message_vi} / {self.message_en}"


class CatalogImportError(Exception):
    """Nothing was imported; `errors` lists every problem found."""

    def __init__(self, errors: list[RecordError]):
        self.errors = list(errors)
        n = len(self.errors)
        records = len({e.index for e in self.errors if e.index is not None})
        errors_en = f"{n} error" + ("s" if n != 1 else "")
        if records:
            records_en = f"{records} record" + ("s" if records != 1 else "")
            message = (
                f"{n} lỗi trong {records} bản ghi; không nhập gì. "
                f"/ {errors_en} in {records_en}; nothing imported."
            )
        else:
            message = f"{n} lỗi; không nhập gì. / {errors_en}; nothing imported."
        super().__init__(message)


class CatalogExportError(Exception):
    def __init__(self, message_vi: str, message_en: str):
        self.message_vi, self.message_en = message_vi, message_en
        super().__init__(f"{message_vi} / {message_en}")


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)  # codes that got a new published version
    unchanged: list[str] = field(default_factory=list)  # codes whose current version already matched

    @property
    def total(self) -> int:
        return len(self.created) + len(self.unchanged)

    def summary(self) -> str:
        return (
            f"Đã nhập {self.total} thủ tục: {len(self.created)} phiên bản mới, "
            f"{len(self.unchanged)} không thay đổi. "
            f"/ Imported {self.total} procedures: {len(self.created)} new versions, "
            f"{len(self.unchanged)} unchanged."
        )


def _records(payload) -> list:
    """The record list from a bare list, {"data": [...]}, {"result": [...]} (one level of nesting
    tolerated, e.g. {"result": {"data": [...]}}), or a single record object."""
    for _ in range(3):
        if isinstance(payload, list):
            return payload
        if not isinstance(payload, Mapping):
            break
        if "MATTHC" in payload or "TENTTHC" in payload:
            return [payload]
        key = next((k for k in _WRAPPER_KEYS if k in payload), None)
        if key is None:
            break
        payload = payload[key]
    raise CatalogImportError(
        [
            RecordError(
                None,
                None,
                "",
                'tệp phải chứa một danh sách thủ tục, hoặc {"data": [...]} hay {"result": [...]}',
                'the file must hold a list of procedures, or {"data": [...]} or {"result": [...]}',
            )
        ]
    )


def catalog_validate(payload) -> list[ProcedureSpec]:
    """Check every record of a parsed file; the specs in file order, or CatalogImportError with every
    problem. Reads the database (agency identifiers) but never writes."""
    records = _records(payload)
    if not records:
        raise CatalogImportError(
            [RecordError(None, None, "", "tệp không có thủ tục nào", "the file holds no procedures")]
        )
    errors: list[RecordError] = []
    parsed = [parse_record(record) for record in records]

    first_index: dict[str, int] = {}
    for index, item in enumerate(parsed):
        for e in item.errors:
            errors.append(RecordError(index, item.code, e.path, e.message_vi, e.message_en))
        if item.code:
            if item.code in first_index:
                errors.append(
                    RecordError(
                        index,
                        item.code,
                        "MATTHC",
                        f"mã thủ tục trùng với bản ghi [{first_index[item.code]}]",
                        f"procedure code duplicates record [{first_index[item.code]}]",
                    )
                )
            else:
                first_index[item.code] = index

    # One sector, one name: publishing renames the shared Sector, so two names in one file would make
    # the file never settle (each import renames it back and publishes new versions).
    sector_names: dict[str, tuple[str, int]] = {}
    for index, item in enumerate(parsed):
        if item.spec is None:
            continue
        code, name = item.spec.sector_code, item.spec.sector_name
        first = sector_names.setdefault(code, (name, index))
        if first[0] != name:
            errors.append(
                RecordError(
                    index,
                    item.code,
                    "LINHVUCTHUCHIEN[0].TENLINHVUC",
                    f"lĩnh vực {code} đã mang tên {first[0]!r} ở bản ghi [{first[1]}]",
                    f"sector {code} is already named {first[0]!r} in record [{first[1]}]",
                )
            )

    wanted = {identifier for item in parsed for _, identifier in item.agency_refs}
    known = set(Agency.objects.filter(identifier__in=wanted).values_list("identifier", flat=True))
    for index, item in enumerate(parsed):
        for path, identifier in item.agency_refs:
            if identifier not in known:
                errors.append(
                    RecordError(
                        index,
                        item.code,
                        path,
                        f"không có cơ quan nào có mã định danh {identifier}",
                        f"no agency has the identifier {identifier}",
                    )
                )

    if errors:
        errors.sort(key=lambda e: -1 if e.index is None else e.index)
        raise CatalogImportError(errors)
    return [item.spec for item in parsed]


def catalog_import(payload, *, user=None, change_note: str = DEFAULT_CHANGE_NOTE) -> ImportReport:
    """Validate the whole file, then publish every record in one transaction, or nothing at all."""
    specs = catalog_validate(payload)
    report = ImportReport()
    with transaction.atomic():
        for index, spec in enumerate(specs):
            try:
                _, created = procedure_publish(spec, user=user, change_note=change_note)
            except ValidationError as exc:  # e.g. an agency removed since validation: undo everything
                messages = exc.messages or [str(exc)]
                vi, en = split_bilingual(messages[0])
                raise CatalogImportError([RecordError(index, spec.code, "", vi, en)]) from exc
            (report.created if created else report.unchanged).append(spec.code)
    return report


def catalog_export(codes: Iterable[str] | None = None) -> list[dict]:
    """The current version of procedures in the national layout, ordered by code: every active procedure,
    or exactly `codes` (CatalogExportError names those without a published version)."""
    procedures = Procedure.objects.filter(current_version__isnull=False)
    if codes is None:
        procedures = procedures.filter(is_active=True)
    else:
        codes = list(dict.fromkeys(codes))
        procedures = procedures.filter(code__in=codes)
    procedures = procedures.select_related("current_version__sector").prefetch_related(
        *(f"current_version__{name}" for name in VERSION_PREFETCH)
    )
    procedures = list(procedures.order_by("code"))
    if codes is not None:
        missing = sorted(set(codes) - {p.code for p in procedures})
        if missing:
            raise CatalogExportError(
                f"không có thủ tục đã công bố với mã: {', '.join(missing)}",
                f"no published procedure with code: {', '.join(missing)}",
            )
    records = []
    for procedure in procedures:
        version = procedure.current_version
        version.procedure = procedure
        names = {
            a.identifier: a.name
            for a in [*version.competent_agencies.all(), *version.receiving_agencies.all()]
        }
        records.append(spec_to_record(version_to_spec(version), agency_names=names))
    return records
