"""`ocop files …`: a dossier's document files (issue 25): upload, list, the officer's accept /
reject, paper originals, and the store's consistency check."""

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer

from ocop_cli.context import state_of
from ocop_cli.output import listing, reply, say, table

if TYPE_CHECKING:
    from states.documents.files import FileView

files_app = typer.Typer(help="Tệp tài liệu của hồ sơ: nộp, xem, chấp nhận / từ chối, kiểm tra kho.",
                        no_args_is_help=True)

DossierArg = Annotated[int, typer.Argument(metavar="ID", help="Số hồ sơ.")]
FileArg = Annotated[int, typer.Argument(metavar="TỆP", help="Số tệp (cột 'Tệp' của 'ocop files list').")]


def _opened(path: Path) -> BinaryIO:
    """The file, opened before anything is asked of the store (a missing file touches none)."""
    from ocop_cli.files import read_problem

    try:
        return path.open("rb")
    except OSError as error:
        raise read_problem(path, error) from None


def _chunks(path: Path, source: BinaryIO) -> Iterator[bytes]:
    from ocop_cli.files import read_problem
    from storage.staging import CHUNK_BYTES

    try:
        while chunk := source.read(CHUNK_BYTES):
            yield chunk
    except OSError as error:
        raise read_problem(path, error) from None


@files_app.command("upload")
def files_upload(
    ctx: typer.Context, dossier_id: DossierArg,
    paths: Annotated[list[Path], typer.Argument(metavar="TỆP...", help="Tệp PDF, JPEG hoặc PNG.")],
    document: Annotated[str, typer.Option("--document", help="Mã tài liệu trong danh mục của hồ sơ "
                                          "(business-plan, test-results …: 'ocop files list ID').")],
) -> None:
    """Nộp một hoặc nhiều tệp cho một tài liệu của hồ sơ; mỗi tệp là một bản mới, bản cũ vẫn giữ."""
    from use_cases.document_files import upload_file

    state = state_of(ctx)
    system = state.system()
    done: list[FileView] = []
    for path in paths:
        with _opened(path) as source:
            done.append(upload_file(system.rt, system.files, state.actor, dossier_id, document,
                                    path.name, _chunks(path, source)))
    reply(state.as_json, done, "\n".join(
        f"Đã lưu tệp số {f.id}: {f.file_name} ({f.content_type}, {f.size_bytes} byte), bản "
        f"{f.version} của '{f.document_code}', SHA-256 {f.sha256[:16]}…, chờ kiểm tra." for f in done))


@files_app.command("list")
def files_list(ctx: typer.Context, dossier_id: DossierArg) -> None:
    """Danh mục tài liệu của hồ sơ và các tệp của từng tài liệu, mỗi tệp với trạng thái kiểm tra."""
    from states.clock import format_local_datetime
    from states.documents.store import megabytes
    from use_cases.document_files import list_files

    state = state_of(ctx)
    system = state.system()
    listed = list_files(system.rt, system.files, state.actor, dossier_id)
    if state.as_json:
        reply(True, listed, "")
        return
    say(f"Hồ sơ số {dossier_id}: " + ("bản giấy (đánh dấu tay được)." if listed.paper_originals
                                       else "nộp bằng tệp; tài liệu có tệp được chấp nhận là đã nhận."))
    rows: list[tuple[object, ...]] = []
    for d in listed.documents:
        head = (d.code, d.name + (" (bắt buộc)" if d.required else ""), d.status_label)
        rows += [(*head, f.id, f.version, f.file_name, megabytes(f.size_bytes), f.status_label,
                  format_local_datetime(f.uploaded_at), f.reason or "") for f in d.files]
        rows += [(*head, "", "", "", "", "", "", "")] if not d.files else []
    table("Tài liệu và tệp", ["Mã", "Tài liệu", "Tình trạng", "Tệp", "Bản", "Tên tệp", "Dung lượng",
                              "Kiểm tra", "Nộp lúc", "Lý do từ chối"], rows,
          ["Nộp lúc", "Dung lượng", "Tài liệu", "Bản"])
    say(f"Đã dùng {megabytes(listed.stored_bytes)} / {megabytes(listed.max_dossier_bytes)}; "
        f"mỗi tệp tối đa {megabytes(listed.max_file_bytes)}.")


@files_app.command("accept")
def files_accept(ctx: typer.Context, file_id: FileArg) -> None:
    """Chấp nhận một tệp: tài liệu của nó được tính là đã nhận trong danh mục."""
    from use_cases.document_files import accept_file

    state = state_of(ctx)
    view = accept_file(state.runtime(), state.actor, file_id)
    reply(state.as_json, view,
          f"Đã chấp nhận tệp số {view.id} ({view.file_name}) của '{view.document_code}'.")


@files_app.command("reject")
def files_reject(
    ctx: typer.Context, file_id: FileArg,
    reason: Annotated[str, typer.Option("--reason", help="Lý do, gửi cho chủ thể qua email.")],
) -> None:
    """Từ chối một tệp, kèm lý do; chủ thể nhận email (có liên kết tới trang hồ sơ của mình)
    và có thể nộp bản mới."""
    from use_cases.document_files import reject_file

    state = state_of(ctx)
    view = reject_file(state.runtime(), state.actor, file_id, reason,
                       site_url=state.system().settings.public_url)
    reply(state.as_json, view, f"Đã từ chối tệp số {view.id} ({view.file_name}); lý do đã được "
                               "gửi cho chủ thể.")


@files_app.command("paper")
def files_paper(
    ctx: typer.Context, dossier_id: DossierArg,
    off: Annotated[bool, typer.Option("--off", help="Hồ sơ nộp bằng tệp: bỏ các dấu tay (trừ mẫu "
                                      "sản phẩm), tài liệu được nhận khi tệp được chấp nhận.")] = False,
) -> None:
    """Đánh dấu hồ sơ giữ bản giấy gốc ("bản giấy"): danh mục được đánh dấu tay như trước."""
    from use_cases.document_files import mark_paper

    state = state_of(ctx)
    removed = mark_paper(state.runtime(), state.actor, dossier_id, not off)
    reply(state.as_json, {"paper_originals": not off, "removed_ticks": removed},
          f"Hồ sơ số {dossier_id}: " + ("nộp bằng tệp" if off else "bản giấy") + "."
          + (f" Đã bỏ dấu tay: {', '.join(removed)}." if removed else ""))


@files_app.command("check")
def files_check(
    ctx: typer.Context,
    quick: Annotated[bool, typer.Option("--quick", help="Chỉ xem tệp còn trong kho, không tính "
                                        "lại SHA-256.")] = False,
) -> None:
    """Đối chiếu mọi tệp đã ghi với kho lưu trữ: tệp mất, tệp sai SHA-256, tệp thừa (mã thoát 7
    nếu có tệp mất hoặc sai)."""
    from states.errors import ConfigurationError
    from use_cases.files_check import check_store

    state = state_of(ctx)
    system = state.system()
    report = check_store(system.rt, system.files, state.actor, rehash=not quick)
    listing(state.as_json, report.findings, f"Kho tệp ({report.store}): {len(report.findings)} vấn đề",
            ["Vấn đề", "SHA-256", "Tệp số", "Hồ sơ"],
            lambda f: (f.problem_label, f.sha256, ", ".join(map(str, f.file_ids)),
                       ", ".join(map(str, f.dossier_ids))),
            empty=f"Kho tệp ({report.store}) khớp: {report.rows} tệp đã ghi, {report.objects} tệp trong kho.")
    if report.broken:
        raise ConfigurationError(f"{len(report.broken)} tệp đã ghi không đọc được đúng như khi nộp: "
                                 "hãy khôi phục kho tệp từ bản sao lưu gần nhất.")


def register(app: typer.Typer) -> None:
    app.add_typer(files_app, name="files")
