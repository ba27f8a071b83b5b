"""A request body handed to a use case running in a worker thread (the officer's and the
producer's upload APIs): read ahead in the event loop while the worker hashes and writes, a
few MiB at most in flight, so memory per upload stays flat whatever the file's size."""

from collections.abc import AsyncIterator, Callable, Iterator
from typing import TypeVar

import anyio
import anyio.from_thread
import anyio.to_thread
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream
from starlette.requests import ClientDisconnect, Request

from states.errors import InvalidInput

T = TypeVar("T")
# Uvicorn hands the body over in pieces of ~64 kB: gathered to 1 MiB before each hop to the
# worker thread, the hops cost nothing next to hashing and writing.
GATHER_BYTES = 1024 * 1024
# Gathered pieces waiting for the worker. Without them the socket is read only while the
# worker waits for its next piece, and receiving and storing take turns (bench/uploads.py).
AHEAD = 2
CUT_OFF = "Việc tải lên bị ngắt giữa chừng: không có gì được lưu."


async def _gathered(request: Request) -> AsyncIterator[bytes]:
    """The pieces joined a MiB at a time: the worker then hashes and writes in few calls, and
    each call's return waits for the GIL, which this loop holds most of the time."""
    pieces: list[bytes] = []
    gathered = 0
    async for piece in request.stream():
        pieces.append(piece)
        gathered += len(piece)
        if gathered >= GATHER_BYTES:
            yield b"".join(pieces)
            pieces, gathered = [], 0
    if pieces:
        yield b"".join(pieces)


async def _read_ahead(request: Request, send: MemoryObjectSendStream[bytes | None]) -> None:
    """The body into the stream; None when the client went away halfway."""
    async with send:
        try:
            async for chunk in _gathered(request):
                await send.send(chunk)
        except ClientDisconnect:
            await send.send(None)


def _pulled(receive: MemoryObjectReceiveStream[bytes | None]) -> Iterator[bytes]:
    while True:
        try:
            chunk = anyio.from_thread.run(receive.receive)
        except anyio.EndOfStream:
            return
        if chunk is None:
            raise InvalidInput(CUT_OFF)
        yield chunk


async def with_body(request: Request, work: Callable[[Iterator[bytes]], T]) -> T:
    """`work(chunks)` in a worker thread, `chunks` the body as it arrives. When `work` stops
    early (a refused file), the rest of the body is not read."""
    send, receive = anyio.create_memory_object_stream[bytes | None](AHEAD)
    refused: Exception | None = None
    async with anyio.create_task_group() as readers, receive:
        readers.start_soon(_read_ahead, request, send)
        try:
            done = await anyio.to_thread.run_sync(work, _pulled(receive))
        except Exception as error:
            # Raised outside the task group: inside, it would reach the error handlers wrapped
            # in an ExceptionGroup.
            refused = error
        finally:
            readers.cancel_scope.cancel()
    if refused is not None:
        raise refused
    return done
