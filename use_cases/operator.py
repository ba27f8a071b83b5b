"""Who is at the server's keyboard. The CLI is the operator's tool: it takes the actor on the
operator's word (`--as` or OCOP_USER), but never by default, and only an active user; the
commands that run the whole system, and any replayed date, are the Department's."""

from dataclasses import dataclass

from sqlalchemy import inspect, select

from states.db.models import User
from states.errors import NotFound, PermissionDenied
from states.permissions import role_label
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import Role

HOW_TO_NAME = "ghi rõ người thực hiện bằng --as TÊN (ví dụ: ocop --as admin …) hoặc export OCOP_USER=TÊN"


@dataclass(frozen=True)
class Operator:
    name: str
    role: Role

    def require_department(self, what: str) -> None:
        """Refuses `what` (a command, an option) to anyone but a Department user."""
        if self.role != Role.DEPARTMENT:
            raise PermissionDenied(
                f"{what} chỉ dành cho người dùng của Sở Nông nghiệp; '{self.name}' là "
                f"{role_label(self.role)}.")


def operator(rt: Runtime, name: str | None) -> Operator:
    """The active user named by the operator; PermissionDenied (exit 4) otherwise."""
    if name is None or not name.strip():
        raise PermissionDenied(f"Chưa biết ai thực hiện lệnh: {HOW_TO_NAME}.")
    with rt.transaction() as session:
        try:  # the same look-up as every command's (typed name composed and stripped)
            user = find_user(session, name)
        except NotFound:
            user = None
        if user is None or not user.active:
            why = "không có" if user is None else "đã bị khoá"
            raise PermissionDenied(
                f"Người dùng '{name}' {why}: {HOW_TO_NAME}, với một người dùng đang hoạt động.")
        if user.role == Role.PRODUCER:
            # The command line is the server operator's: a producer's account reads and
            # registers its own dossiers on the web only.
            raise PermissionDenied(f"'{name}' là tài khoản chủ thể: chỉ dùng được trên trang web.")
        return Operator(user.name, Role(user.role))


def is_initialised(rt: Runtime) -> bool:
    """Whether `ocop init` already ran here (it has users): then only the Department runs it."""
    if rt.db.file_missing():  # opening it would be refused: only init creates the file
        return False
    with rt.transaction() as session:
        if not inspect(session.connection()).has_table(User.__tablename__):
            return False
        return session.scalar(select(User.id).limit(1)) is not None
