"""People to log in as when browsing the demo database (`ocop --db … web`): demo passwords,
printed at the end of `make demo`; never use them outside the demo."""

from states.runtime import Runtime
from use_cases.identity import add_user_with_password, set_password

# name, role, unit, full name, demo password
DEMO_USERS = (
    ("admin", "department", None, "Sở Nông nghiệp Bắc Giang", "demo-so-nong-nghiep"),
    ("can-bo-yen-the", "district", "yen-the", "Nguyễn Văn An", "demo-yen-the-2022"),
    ("can-bo-luc-ngan", "district", "luc-ngan", "Trần Thị Bình", "demo-luc-ngan-2022"),
)


def add_demo_users(rt: Runtime) -> None:
    for name, role, unit, full_name, password in DEMO_USERS:
        if name == "admin":
            set_password(rt, "admin", name, password, must_change=False)
        else:
            add_user_with_password(rt, "admin", name, role, unit, None, password, full_name)
