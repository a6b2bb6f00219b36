"""One build step pyproject.toml cannot say: the wheel carries each language catalogue
compiled (.mo beside its .po), so an installed copy reads them and never writes where it is
installed. A checkout compiles them at start-up instead (workshop/web/i18n.py)."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogues(build_py):
    def run(self) -> None:
        super().run()
        for po_path in Path(self.build_lib, "workshop", "translations").glob("*/LC_MESSAGES/*.po"):
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file)
            with po_path.with_suffix(".mo").open("wb") as mo_file:
                write_mo(mo_file, catalog)


setup(cmdclass={"build_py": BuildWithCatalogues})
