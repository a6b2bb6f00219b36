"""Where the app's own files are: the Jinja pages (`templates/`), the CSS, scripts and vendored
client (`static/`) and the language catalogues (`translations/`).

In the repository they sit at its top, beside the package. A built wheel carries them inside
the package (pyproject.toml maps each folder there), so an installed `workshop` command finds
them wherever it runs. Both cases are decided here, once, by whether the package holds its
own copy; everything else asks this module.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
INSTALLED = (PACKAGE / "templates").is_dir()
# An installed package holds the folders; in a checkout they are the repository's own.
HOME = PACKAGE if INSTALLED else PACKAGE.parent

TEMPLATES = HOME / "templates"
STATIC = HOME / "static"
TRANSLATIONS = HOME / "translations"
