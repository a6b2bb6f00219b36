"""`python -m workshop`, and the `workshop` command an install gives: serve workshops on this
laptop's network, or `workshop series A.db B.db` to compare saved ones without a server."""

import sys


def main(argv: list[str] | None = None, prog: str = "workshop") -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["series"]:
        # A series only reads files: no server, so neither eventlet nor its patching.
        from .series_cli import main as series_main

        sys.exit(series_main(argv[1:], f"{prog} series"))
    from .server import main as serve  # eventlet patches the standard library as this loads

    serve(argv, prog)


if __name__ == "__main__":
    main(prog="python -m workshop")
