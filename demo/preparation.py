"""The seed letter's task 2 in the replay: each unit's OCOP officers, the preparer that decides
who prepares each dossier (demo/preparer.py: producers themselves, officers helping, three
consultants, one of them spelt two ways), and the June 2022 training course with its signed
attendance sheet.

As the letter says, dossiers made by consultants without the expertise fail more often: their
council points run lower and their required documents are missing more often. Officers who
help producers know the rules, so their dossiers do a little better. The replay's own random
sequence is untouched: the preparer draws from its own generator.
"""

import random
from datetime import date
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select

from demo.preparer import Preparer
from demo.replay import ADMIN, UNITS, Demo
from demo.synthetic import person, slug
from states.db.models import User
from states.training.training_commands import CourseInput
from use_cases import admin, training

COURSE = CourseInput(
    "Tập huấn nghiệp vụ OCOP năm 2022", "Sở Nông nghiệp và PTNT tỉnh Bắc Giang",
    date(2022, 6, 20), date(2022, 6, 21), "Hội trường Trung tâm Hội nghị tỉnh, TP Bắc Giang",
    ["Quy trình đánh giá, phân hạng sản phẩm theo QĐ 1048/QĐ-TTg",
     "Hướng dẫn chủ thể tự hoàn thiện hồ sơ: phương án kinh doanh, câu chuyện sản phẩm",
     "Khi nào nên thuê tư vấn, và thuê phần nào"], [])
# Units whose officers came to the course; the others show as gaps at the end of the year.
ATTENDING_UNITS = ("tp-bac-giang", "hiep-hoa", "lang-giang", "luc-ngan", "tan-yen", "viet-yen",
                   "yen-dung")


def add_officers(demo: Demo) -> dict[str, str]:
    """One or two OCOP officers per unit (one in the two slow mountain districts). Returns
    each officer's full name, as written on a sign-in sheet."""
    rng = random.Random(1402)
    names: dict[str, str] = {}
    for unit in UNITS:
        for serial in range(1 if unit in ("son-dong", "yen-the") else 2):
            login, full = f"cb-{unit}-{serial + 1}", person(rng)
            admin.add_user(demo.rt, ADMIN, login, "district", unit,
                           f"{slug(full)}.{unit}@bacgiang.gov.vn")
            names[login] = full
    # No use case sets a user's full name yet (the web work adds one): written directly here.
    with demo.rt.transaction() as session:
        for user in session.scalars(select(User).where(User.name.in_(list(names)))):
            user.full_name = names[user.name]
    return names


def setup(demo: Demo) -> None:
    """Officers for every unit, and the preparer that the replay asks at each registration."""
    names = add_officers(demo)
    officers: dict[str, list[str]] = {}
    for login in names:
        officers.setdefault(login.removeprefix("cb-").rsplit("-", 1)[0], []).append(login)
    demo.preparer = Preparer(random.Random(14), officers, names)


def attendance_sheet(preparer: Preparer) -> bytes:
    """The signed sheet as the Department keeps it: one officer per attending unit signed
    (some names typed in capitals), a guest from another body, one officer who did not come."""
    book = Workbook()
    page = book.active
    assert page is not None
    page.append([f"DANH SÁCH ĐẠI BIỂU THAM DỰ: {COURSE.title.upper()}"])
    page.append([f"Ngày {COURSE.starts_on:%d/%m/%Y} - {COURSE.ends_on:%d/%m/%Y}, {COURSE.place}"])
    page.append(["STT", "Họ và tên", "Đơn vị", "Chức vụ", "Ký tên"])
    for line, unit in enumerate(ATTENDING_UNITS, start=1):
        name = preparer.names[preparer.officers[unit][0]]
        page.append([line, name.upper() if line % 3 == 0 else name, unit, "Chuyên viên", "x"])
    page.append([len(ATTENDING_UNITS) + 1, "Nguyễn Thị Hằng", "Hội Nông dân tỉnh", "Cán bộ", "x"])
    page.append([len(ATTENDING_UNITS) + 2, preparer.names[preparer.officers["luc-nam"][0]],
                 "luc-nam", "Chuyên viên", None])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def training_course(demo: Demo, folder: Path) -> None:
    """June 2022: the course opens (invitations), units without a trained officer are reminded
    a week before, and the signed sheet is imported after it."""
    assert demo.preparer is not None
    demo.on(date(2022, 6, 1))
    course_id = training.open_course(demo.rt, ADMIN, COURSE).course_id
    demo.run_flows(date(2022, 6, 13), ["training-reminders"])
    path = folder / "diem-danh-tap-huan-2022.xlsx"
    path.write_bytes(attendance_sheet(demo.preparer))
    demo.on(date(2022, 6, 22))
    training.import_attendance(demo.rt, ADMIN, course_id, path.read_bytes(), path.name)
