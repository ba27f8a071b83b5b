"""An import's scratch file: the rows already checked, in batches, and the keys already seen,
kept on disk (SQLite, from the standard library) so that memory stays flat whatever the file's
length, and the file is read once even though nothing is written until every row is checked."""

import pickle
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

SCHEMA = ("CREATE TABLE batches (id INTEGER PRIMARY KEY, data BLOB NOT NULL)",
          "CREATE TABLE seen (kind INTEGER, hash INTEGER, row INTEGER, PRIMARY KEY (kind, hash))")


class Scratch:
    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="ocop-import-")
        self._db = sqlite3.connect(Path(self._folder.name) / "scratch.db")
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        for statement in SCHEMA:
            self._db.execute(statement)

    def keep(self, batch: Sequence[Any]) -> None:
        self._db.execute("INSERT INTO batches (data) VALUES (?)",
                         (pickle.dumps(list(batch), protocol=pickle.HIGHEST_PROTOCOL),))

    def batches(self) -> Iterator[list[Any]]:
        last = 0
        while True:
            found = self._db.execute("SELECT id, data FROM batches WHERE id > ? ORDER BY id LIMIT 1",
                                     (last,)).fetchone()
            if found is None:
                return
            last = found[0]
            yield pickle.loads(found[1])

    def first_rows(self, kind: int, keys: Sequence[tuple[int, int]]) -> dict[int, int]:
        """Record each (hash, row) unless its hash was seen; returns hash → the first row that
        had it (an earlier row of the file, or the earliest of these)."""
        if not keys:
            return {}
        self._db.executemany("INSERT OR IGNORE INTO seen (kind, hash, row) VALUES (?, ?, ?)",
                             [(kind, h, row) for h, row in keys])
        hashes = list({h for h, _ in keys})
        marks = ",".join("?" * len(hashes))
        return dict(self._db.execute(
            f"SELECT hash, row FROM seen WHERE kind = ? AND hash IN ({marks})", (kind, *hashes)))

    def close(self) -> None:
        self._db.close()
        self._folder.cleanup()
