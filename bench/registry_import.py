"""The import benchmark (issue 13): a province-style list of N recognised products written as
.xlsx, imported into a fresh database in a fresh process (time, peak memory), against reading
the same file alone with openpyxl in the same run; and the public search on what it imported.

`python -m bench.registry_import FILE URL` runs one import and prints its JSON."""

import json
import random
import resource
import sys
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

from demo.synthetic import sample_product
from states.registry.product_rows import PRODUCTS

TODAY = date(2023, 1, 10)
UNITS = ("Huyện Lục Ngạn", "Huyện Yên Thế", "Huyện Lục Nam", "Huyện Sơn Động", "Huyện Tân Yên",
         "Huyện Việt Yên", "Huyện Hiệp Hòa", "Huyện Lạng Giang", "Huyện Yên Dũng",
         "Thành phố Bắc Giang")
BANDS = ((3, 50, 69.5), (4, 70, 89.5), (5, 90, 100))


def write_list(path: Path, size: int, seed: int = 13) -> Path:
    """`size` valid rows, deterministic: Bắc Giang's units, decisions of 2019–2022."""
    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(PRODUCTS.name)
    sheet.append([c.heading for c in PRODUCTS.columns])
    for n in range(size):
        sample = sample_product(rng, n)
        stars, low, high = rng.choice(BANDS)
        # A province decides a few times a year, each decision listing many products.
        decision = n % 97 + 1
        decided = date(2019, 9, 1) + timedelta(days=decision * 12)
        sheet.append([UNITS[n % len(UNITS)], f"{sample.producer} ({n // 3})", None, None,
                      sample.email, None, f"{sample.product} {n}", sample.group, stars,
                      round(rng.uniform(low, high), 1), f"{decision}/QĐ-UBND", decided,
                      f"BG-{n:07d}", None])
    book.save(path)
    _with_dimension(path, f"A1:N{size + 1}")
    return path


def _with_dimension(path: Path, used: str) -> None:
    """Write the sheet's used range as Excel does (openpyxl's write-only mode leaves it out, and
    openpyxl's reader then parses the whole sheet once more just to find it)."""
    copy = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetViews>", f'<dimension ref="{used}"/><sheetViews>'.encode(), 1)
            out.writestr(item, data)
    copy.replace(path)


def read_only_pass(path: Path) -> float:
    """The baseline: only reading the file's cells, as the import reads them."""
    from openpyxl import load_workbook

    start = time.perf_counter()
    book = load_workbook(path, read_only=True, data_only=True)
    for _ in book.worksheets[0].iter_rows(values_only=True):
        pass
    book.close()
    return time.perf_counter() - start


def main() -> None:
    from states.clock import Clock
    from states.db.database import Database
    from states.runtime import Runtime
    from states.vocabulary import ImportKind
    from use_cases.admin import init
    from use_cases.imports import import_table
    from use_cases.registry import search_registry

    path, url = Path(sys.argv[1]), sys.argv[2]
    rt = Runtime(db=Database(url), clock=Clock(TODAY))
    init(rt)
    start = time.perf_counter()
    with path.open("rb") as stream:
        result, _ = import_table(rt, "admin", ImportKind.PRODUCTS, stream, path.name)
    seconds = time.perf_counter() - start
    search_start = time.perf_counter()
    found = search_registry(rt, "ga doi")
    search_s = time.perf_counter() - search_start
    print(json.dumps({"seconds": seconds, "written": result.written, "invalid": result.invalid,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "search_seconds": search_s, "found": len(found.items)}))


if __name__ == "__main__":
    main()
