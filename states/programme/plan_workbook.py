"""A yearly plan typed in Excel (`ocop plan import FILE.xlsx`): sheet "Đợt đánh giá", one round
per row, and sheet "Chiến dịch", one campaign per row; the first row holds the headings (the
Vietnamese ones below, or the keys of plan-YYYY.toml). Rows of several years make several plans."""

from collections.abc import Iterator
from io import BytesIO
from typing import Any
from zipfile import BadZipFile

from pydantic import ValidationError

from states.errors import InvalidInput
from states.file_problems import why_unreadable
from states.programme.plans import CampaignSpec, RoundSpec, SpecT, YearPlan, validation_message
from states.validation_language import reason_of

ROUND_SHEET = "Đợt đánh giá"
CAMPAIGN_SHEET = "Chiến dịch"
ROUND_COLUMNS = {"code": "Mã đợt", "name": "Tên đợt", "rulebook": "Bộ quy định",
                 "registration_opens": "Mở đăng ký", "registration_closes": "Hết hạn đăng ký",
                 "local_deadline": "Hạn cấp huyện/xã", "provincial_deadline": "Hạn cấp tỉnh"}
CAMPAIGN_COLUMNS = {"kind": "Loại", "opens_on": "Ngày mở", "deadline": "Hạn nộp",
                    "expiring_before": "Hết hạn trước",
                    "expiring_within_months": "Hết hạn trong (tháng)"}
TEXT_FIELDS = frozenset({"code", "name", "rulebook", "kind"})
KIND_WORDS = {"đánh giá lại": "renewal", "thu hồi": "revocation"}


def read_plan_workbook(data: bytes, name: str) -> list[YearPlan]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError) as error:
        raise InvalidInput(f"{name}: không đọc được tệp Excel ({why_unreadable(error)}).") from None
    if ROUND_SHEET not in book.sheetnames and CAMPAIGN_SHEET not in book.sheetnames:
        raise InvalidInput(f"{name}: cần trang '{ROUND_SHEET}' và/hoặc '{CAMPAIGN_SHEET}'.")
    rounds = _specs(book, ROUND_SHEET, ROUND_COLUMNS, RoundSpec, name)
    campaigns = _specs(book, CAMPAIGN_SHEET, CAMPAIGN_COLUMNS, CampaignSpec, name)
    years = sorted({r.registration_opens.year for r in rounds}
                   | {c.opens_on.year for c in campaigns})
    plans = []
    for year in years:
        try:
            plans.append(YearPlan(
                year=year, rounds=[r for r in rounds if r.registration_opens.year == year],
                campaigns=[c for c in campaigns if c.opens_on.year == year]))
        except ValidationError as error:
            raise InvalidInput(f"{name}, năm {year}: {validation_message(error)}") from None
    return plans


def _specs(book: Any, sheet_name: str, columns: dict[str, str], model: type[SpecT],
           name: str) -> list[SpecT]:
    if sheet_name not in book.sheetnames:
        return []
    rows: Iterator[tuple[Any, ...]] = book[sheet_name].iter_rows(values_only=True)
    fields = _fields(next(rows, ()), columns, f"{name}, trang '{sheet_name}'")
    specs = []
    for number, row in enumerate(rows, start=2):
        values = {fields[i]: _cell(fields[i], value) for i, value in enumerate(row)
                  if i in fields and value not in (None, "")}
        if not values:
            continue
        try:
            specs.append(model.model_validate(values))
        except ValidationError as error:
            problems = "; ".join(
                f"cột '{columns.get(str(e['loc'][0]), e['loc'][0]) if e['loc'] else 'cả dòng'}': "
                f"{reason_of(e)}" for e in error.errors())
            raise InvalidInput(f"{name}, trang '{sheet_name}', dòng {number}: {problems}") from None
    return specs


def _fields(header: tuple[Any, ...], columns: dict[str, str], where: str) -> dict[int, str]:
    """Column index → field, from headings in Vietnamese or as the TOML keys."""
    known = {text.casefold(): key for key, text in columns.items()} | {k: k for k in columns}
    fields = {i: known[str(h).strip().casefold()] for i, h in enumerate(header)
              if h is not None and str(h).strip().casefold() in known}
    return fields if fields else _no_headings(where, columns)


def _no_headings(where: str, columns: dict[str, str]) -> dict[int, str]:
    raise InvalidInput(f"{where}: dòng đầu phải là tiêu đề cột ({', '.join(columns.values())}).")


def _cell(field: str, value: Any) -> Any:
    if field == "kind" and isinstance(value, str):
        return KIND_WORDS.get(value.strip().casefold(), value.strip())
    if field in TEXT_FIELDS and not isinstance(value, str):
        return str(value)
    return value.strip() if isinstance(value, str) else value
