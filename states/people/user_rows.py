"""A list of the people who use the system (`ocop import users`): one row per user."""

import re
from typing import Any

from states.tables.columns import CellError, Column, TableSpec, UniqueKey, choice, email, text
from states.vocabulary import Role

LOGIN = re.compile(r"[\w.@-]+")
# What spreadsheets write for a role, beside its code and label.
ROLE_WORDS: dict[str, str] = {
    "so": Role.DEPARTMENT, "so nong nghiep": Role.DEPARTMENT, "cap tinh": Role.DEPARTMENT,
    "can bo so": Role.DEPARTMENT, "can bo huyen": Role.DISTRICT, "can bo xa": Role.DISTRICT,
    "can bo ocop": Role.DISTRICT, "huyen": Role.DISTRICT, "xa": Role.DISTRICT,
    "cap huyen": Role.DISTRICT, "cap xa": Role.DISTRICT, "thu ky": Role.COUNCIL_SECRETARY,
    "thu ky hoi dong": Role.COUNCIL_SECRETARY}


def login(value: Any) -> str:
    name = text(100)(value)
    if not LOGIN.fullmatch(name):
        raise CellError(f"tên đăng nhập '{name}' chỉ gồm chữ, số và . _ - @ (không dấu cách), "
                        "ví dụ can-bo-yen-the")
    return name


USERS = TableSpec("Người dùng", (
    Column("name", "Tên đăng nhập", login, ("Tên người dùng", "Tài khoản", "Username", "User"),
           example="can-bo-luc-ngan", hint="chữ, số và . _ - @, không dấu cách"),
    Column("full_name", "Họ và tên", text(200), ("Họ tên", "Tên cán bộ", "Cán bộ"),
           required=False, example="Nguyễn Thị Hoa"),
    Column("role", "Vai trò", choice(Role, ROLE_WORDS),
           ("Chức năng", "Quyền"), example="Cán bộ OCOP cấp huyện / xã",
           hint="Sở Nông nghiệp (cấp tỉnh), Cán bộ OCOP cấp huyện / xã, hoặc Thư ký hội đồng"),
    Column("unit", "Đơn vị", text(200), ("Đơn vị công tác", "Cơ quan", "Huyện"), required=False,
           example="Huyện Lục Ngạn", hint="bắt buộc với cán bộ cấp huyện / xã"),
    Column("email", "Email", email, ("E-mail", "Thư điện tử"), required=False,
           example="canbo.lucngan@example.vn", hint="để nhận nhắc việc"),
), unique=(UniqueKey(("name",), "name", "tên đăng nhập"),))
