"""`ocop backup` and `ocop restore`: the database and the document files in one archive."""

from pathlib import Path
from typing import Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.output import reply


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " MB"


def backup_command(ctx: typer.Context, out: Annotated[Path, typer.Option(
        "--out", metavar="TỆP.tar", help="Tệp sao lưu sẽ ghi (chưa có: không ghi đè bản cũ).")]
                   ) -> None:
    """Sao lưu cơ sở dữ liệu (SQLite: sao chép trực tuyến; PostgreSQL: pg_dump) và mọi tệp hồ sơ
    (OCOP_FILES_DIR, hoặc mọi đối tượng của bucket khi OCOP_FILES_STORE=s3) vào một tệp tar, kèm
    danh mục mã SHA-256 của từng thành phần."""
    from storage.factory import bucket_of
    from use_cases.backup import backup

    state = state_of(ctx)
    system = state.system()
    done = backup(system.rt, out, system.settings.files_dir, bucket_of(system.files.store))
    reply(state.as_json, done,
          f"Đã sao lưu cơ sở dữ liệu ({done.database}) và {done.files} tệp hồ sơ "
          f"({system.files.store.describe()}) vào {done.path} "
          f"({_size(done.size)}; danh mục SHA-256 trong manifest.json). Khôi phục: "
          f"`ocop restore {done.path}` vào một cơ sở dữ liệu và thư mục tệp trống.")


def restore_command(ctx: typer.Context, archive: Annotated[Path, typer.Argument(
        metavar="TỆP.tar", help="Tệp do `ocop backup` ghi.")]) -> None:
    """Khôi phục một bản sao lưu vào cơ sở dữ liệu trống (--db / OCOP_DATABASE_URL: tệp SQLite
    chưa có, hoặc cơ sở dữ liệu PostgreSQL mới tạo) và thư mục tệp hồ sơ trống (OCOP_FILES_DIR),
    hoặc bucket trống khi OCOP_FILES_STORE=s3. Mọi thành phần được đối chiếu mã SHA-256 trước khi
    ghi bất cứ gì."""
    from states.vocabulary import LOCAL_TZ
    from storage.factory import bucket_of
    from use_cases.backup import restore

    state = state_of(ctx)
    system = state.unchecked_system()  # an empty database has no users to act for
    store = system.files.store
    done = restore(system.rt, archive, system.settings.files_dir, bucket_of(store))
    reply(state.as_json, done,
          f"Đã khôi phục bản sao lưu lúc {done.created_at.astimezone(LOCAL_TZ):%H:%M %d/%m/%Y}: "
          "cơ sở dữ liệu "
          f"({done.database}) và {done.files} tệp hồ sơ vào {store.describe()}. Kiểm "
          "tra bằng `ocop doctor`.")


def register(app: typer.Typer) -> None:
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)
