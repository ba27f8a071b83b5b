"""A province's list of recognised products, one row per product: the columns (headings as the
template writes them, and the variants people use), and what each row must satisfy."""

import re
from datetime import date
from typing import Any

from states.errors import InvalidInput
from states.folding import plain_words
from states.rules.certificates import expiry_date
from states.rules.points import format_points
from states.rules.rulebooks import Rulebook, RuleRegistry
from states.tables.columns import (
    CellError,
    Column,
    TableSpec,
    UniqueKey,
    as_text,
    choice,
    day,
    email,
    number,
    phone,
    text,
)
from states.vocabulary import CertificateStatus, ProducerType, State

# What spreadsheets write for a kind of producer, beside its code and label.
TYPE_WORDS: dict[str, str] = {
    "hop tac xa": ProducerType.COOPERATIVE, "htx": ProducerType.COOPERATIVE,
    "to hop tac": ProducerType.COOPERATIVE_GROUP, "tht": ProducerType.COOPERATIVE_GROUP,
    "doanh nghiep": ProducerType.ENTERPRISE, "dn": ProducerType.ENTERPRISE,
    "cong ty": ProducerType.ENTERPRISE, "cty": ProducerType.ENTERPRISE,
    "ho kinh doanh": ProducerType.HOUSEHOLD, "ho san xuat": ProducerType.HOUSEHOLD,
    "ho gia dinh": ProducerType.HOUSEHOLD, "hkd": ProducerType.HOUSEHOLD,
    "co so san xuat": ProducerType.HOUSEHOLD}
# A producer's name often says what it is: "HTX …", "Công ty TNHH …", "Hộ kinh doanh …".
NAME_STARTS: tuple[tuple[str, ProducerType], ...] = (
    ("hop tac xa ", ProducerType.COOPERATIVE), ("htx ", ProducerType.COOPERATIVE),
    ("to hop tac ", ProducerType.COOPERATIVE_GROUP), ("tht ", ProducerType.COOPERATIVE_GROUP),
    ("cong ty ", ProducerType.ENTERPRISE), ("cty ", ProducerType.ENTERPRISE),
    ("ctcp ", ProducerType.ENTERPRISE), ("doanh nghiep ", ProducerType.ENTERPRISE),
    ("dntn ", ProducerType.ENTERPRISE), ("ho kinh doanh ", ProducerType.HOUSEHOLD),
    ("ho san xuat ", ProducerType.HOUSEHOLD), ("hkd ", ProducerType.HOUSEHOLD),
    ("co so ", ProducerType.HOUSEHOLD))
STARS = re.compile(r"([1-5])(?: 0+)?(?: sao)?")  # on plain words: "4", "4.0" → "4 0", "4 sao"


def stars(value: Any) -> int:
    """4, "4", "4.0", "4 sao", "4*" or "★★★★"."""
    typed = as_text(value)
    words = plain_words(typed) or (str(typed.count("★")) if "★" in typed else "")
    found = STARS.fullmatch(words)
    if found is None:
        raise CellError(f"'{typed}' không phải hạng sao (1 đến 5)")
    return int(found.group(1))


def producer_type_of(name: str) -> ProducerType | None:
    words = plain_words(name) + " "
    return next((kind for start, kind in NAME_STARTS if words.startswith(start)), None)


PRODUCTS = TableSpec("Sản phẩm OCOP", (
    Column("unit", "Đơn vị", text(200),
           ("Đơn vị hành chính", "Huyện", "Huyện/thành phố", "Đơn vị cấp huyện", "Địa bàn",
            "Đơn vị quản lý"),
           example="Huyện Lục Ngạn", hint="tên hoặc mã như 'ocop unit list' in ra"),
    Column("producer", "Tên chủ thể", text(300),
           ("Chủ thể", "Chủ thể sản xuất", "Tên chủ thể sản xuất", "Cơ sở sản xuất"),
           example="HTX Vải thiều Phượng Sơn"),
    Column("producer_type", "Loại chủ thể",
           choice(ProducerType, TYPE_WORDS),
           ("Loại hình", "Loại hình chủ thể", "Hình thức tổ chức"), required=False,
           example="Hợp tác xã", hint="bỏ trống thì suy ra từ tên (HTX, Công ty, Hộ kinh doanh…)"),
    Column("commune", "Địa chỉ (xã)", text(200),
           ("Địa chỉ", "Xã/phường", "Địa chỉ chủ thể", "Xã/phường/thị trấn"), required=False,
           example="Xã Phượng Sơn"),
    Column("email", "Email", email, ("E-mail", "Thư điện tử", "Địa chỉ email"), required=False,
           example="htx.phuongson@example.vn", hint="để nhận thông báo trước khi hết hạn"),
    Column("phone", "Điện thoại", phone, ("Số điện thoại", "SĐT", "ĐT"), required=False,
           example="0912 345 678"),
    Column("product", "Tên sản phẩm", text(300), ("Sản phẩm", "Tên SP"),
           example="Vải thiều sấy khô"),
    Column("group", "Nhóm sản phẩm", text(100), ("Nhóm", "Bộ sản phẩm", "Ngành hàng"),
           example="Thực phẩm", hint="tên hoặc mã nhóm của bộ quy định có hiệu lực ngày quyết định"),
    Column("stars", "Hạng sao", stars, ("Số sao", "Sao", "Hạng", "Xếp hạng", "Hạng OCOP"),
           example=4, hint="3, 4 hoặc 5; phải khớp số điểm"),
    Column("points", "Điểm", number(0, 100), ("Số điểm", "Tổng điểm", "Điểm đánh giá"),
           example=78.5),
    Column("decision", "Số quyết định", text(100),
           ("Số QĐ", "Quyết định", "Số quyết định công nhận", "QĐ công nhận"),
           example="1563/QĐ-UBND"),
    Column("decision_date", "Ngày quyết định", day,
           ("Ngày QĐ", "Ngày công nhận", "Ngày ban hành", "Ngày ký"), example=date(2022, 7, 25),
           hint="dd/mm/yyyy"),
    Column("certificate", "Số giấy chứng nhận", text(64),
           ("Số GCN", "Giấy chứng nhận", "Số chứng nhận", "Mã GCN"), required=False,
           hint="bỏ trống thì hệ thống đánh số"),
    Column("expires_on", "Ngày hết hạn", day,
           ("Hết hạn", "Hiệu lực đến", "Có giá trị đến", "Ngày hết hiệu lực"), required=False,
           hint="bỏ trống: ngày quyết định + 36 tháng (theo bộ quy định)"),
    # Last, so that a list written in the older template's order still fits.
    Column("subgroup", "Phân nhóm", text(100), ("Phân nhóm sản phẩm",), required=False,
           example="Chế biến từ rau, củ, quả, hạt",
           hint="tên hoặc mã phân nhóm của nhóm (danh sách tạm thời); bỏ trống nếu không rõ"),
), unique=(UniqueKey(("certificate",), "certificate", "số giấy chứng nhận"),
           UniqueKey(("unit_id", "producer", "product", "decision"), "product",
                     "đơn vị, chủ thể, sản phẩm và quyết định"),
           # Issue 25: set (folded) only on a row whose certificate is in force: a product has
           # one open dossier, so one such row; its expired recognitions may come beside it.
           UniqueKey(("unit_id", "producer", "open_product"), "product",
                     "sản phẩm còn giấy chứng nhận hiệu lực của cùng chủ thể")))


def group_words(rules: RuleRegistry) -> dict[str, str]:
    """Every rulebook's group names and codes → the group's code (a code means the same group
    in every rulebook: "herbal" is "Thảo dược" under QĐ 1048, "Dược liệu…" under QĐ 148)."""
    words: dict[str, str] = {}
    for code in rules.codes():
        for group, name in rules.get(code).groups.items():
            words.setdefault(plain_words(name), group)
            words[plain_words(group)] = group
    return words


def group_of(rulebook: Rulebook, words: dict[str, str], typed: str) -> str:
    wanted = plain_words(typed)
    code = words.get(wanted) or next(
        (c for name, c in words.items() if name.startswith(wanted + " ")), None)
    if code is None or code not in rulebook.groups:
        raise CellError(f"nhóm '{typed}' không có trong {rulebook.title}; các nhóm: "
                        f"{', '.join(rulebook.groups.values())}")
    return code


def recognition(rulebook: Rulebook, stars_given: int, points: float) -> str | None:
    """Why these stars cannot be the recognition for these points, or None."""
    expected = rulebook.stars_for(points)
    if expected != stars_given:
        return (f"{stars_given} sao không khớp {format_points(points)} điểm theo {rulebook.title}: "
                f"{format_points(points)} điểm là hạng {expected} sao")
    if stars_given < 3:
        return f"hạng {stars_given} sao chưa được công nhận (chỉ từ 3 sao)"
    return None


def certificate_term(rulebook: Rulebook, decided: date, expires: date | None,
                     today: date) -> tuple[date, State, CertificateStatus]:
    """The certificate's expiry (given, or the rulebook's term) and where the product stands
    today: still certified, or expired (the daily sweep's rule: it lapses the day after)."""
    expires_on = expires or expiry_date(decided, rulebook.certificate_months)
    if expires_on <= decided:
        raise CellError(f"ngày hết hạn {expires_on:%d/%m/%Y} phải sau ngày quyết định")
    if expires_on < today:
        return expires_on, State.EXPIRED, CertificateStatus.EXPIRED
    return expires_on, State.CERTIFIED, CertificateStatus.VALID


def subgroup_of(rulebook: Rulebook, group: str, typed: str | None) -> str | None:
    """The row's sub-group as a code of the rulebook's list for its group, or a cell error."""
    try:
        return rulebook.subgroup_code(group, typed)
    except InvalidInput as error:
        message = error.message.rstrip(".")
        raise CellError(message[:1].lower() + message[1:]) from None
