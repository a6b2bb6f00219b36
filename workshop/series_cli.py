"""`python -m workshop series A.db B.db [--out FILE] [--format md|csv|json]`: a series made
from workshop files for scripts. It reads the files only (SQLite refuses every write on its
connections) and starts no server, so it runs beside a server that uses the same files."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .domain.errors import InvalidInput, WorkshopError
from .service import exports, series
from .store.files import open_read_only
from .store.workshops import WorkshopStore

RENDER: dict[str, Callable[[list[WorkshopStore]], str]] = {
    "md": series.series_markdown,
    "csv": series.series_csv,
    "json": lambda stores: json.dumps(series.series_json(stores), ensure_ascii=False, indent=2) + "\n",
}


def parse_args(argv: Sequence[str], prog: str = "workshop series") -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Compare workshops: side by side, the themes and top items that recur, "
        "cards per kind over time. The files are read, never changed.",
    )
    parser.add_argument("files", nargs="+", type=Path, help="workshop files (<CODE>.db), two to fifty")
    parser.add_argument("--out", type=Path, help="write here instead of to the standard output")
    parser.add_argument(
        "--format",
        choices=sorted(RENDER),
        help="md (default), csv (one row per card) or json; without it, --out's extension decides",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str], prog: str = "workshop series") -> int:
    """Run the command; 0 on success, 1 when a file or the selection is refused (2: bad usage)."""
    args = parse_args(argv, prog)
    fmt = args.format or _format_of(args.out)
    stores: list[WorkshopStore] = []
    try:
        paths = list(dict.fromkeys(p.resolve() for p in args.files))
        if args.out is not None and _is_one_of(args.out, paths):
            raise InvalidInput(f"--out {args.out} is one of the workshop files: it would be overwritten.")
        for path in paths:
            stores.append(open_read_only(path))
        _refuse_copies(stores, paths)
        text = RENDER[fmt](stores)
    except WorkshopError as exc:
        print(f"workshop series: {exc.message}", file=sys.stderr)
        return 1
    finally:
        for store in stores:
            store.close()
    if args.out is None:
        sys.stdout.write(text)
    else:
        try:  # a CSV file as the server's download: with the mark spreadsheets need
            args.out.write_text(exports.for_spreadsheets(text) if fmt == "csv" else text, encoding="utf-8")
        except OSError as exc:
            print(f"workshop series: could not write {args.out}: {exc.strerror}", file=sys.stderr)
            return 1
        print(f"workshop series: wrote {args.out} ({len(stores)} workshops)", file=sys.stderr)
    return 0


def _format_of(out: Path | None) -> str:
    suffix = out.suffix.lower().lstrip(".") if out else ""
    return {"csv": "csv", "json": "json"}.get(suffix, "md")


def _is_one_of(out: Path, paths: list[Path]) -> bool:
    target = out.resolve()
    return any(target in (p, Path(f"{p}-wal"), Path(f"{p}-shm")) for p in paths)


def _refuse_copies(stores: list[WorkshopStore], paths: list[Path]) -> None:
    """Two files of one workshop (a copy and its original) would count it twice."""
    seen: dict[str, Path] = {}
    for store, path in zip(stores, paths, strict=True):
        if store.code in seen:
            raise InvalidInput(f"{seen[store.code]} and {path} are both workshop {store.code}.")
        seen[store.code] = path
