"""The attendee page is small on the wire: static files are served compressed."""

from __future__ import annotations

import gzip
import re
from urllib.parse import urljoin

GZIP = {"Accept-Encoding": "gzip, deflate"}  # what a phone sends over plain http


def test_static_files_are_served_gzipped_and_decode_to_the_file(http):
    plain = http.get("/static/vendor/socket.io.esm.min.js")
    packed = http.get("/static/vendor/socket.io.esm.min.js", headers=GZIP)
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    assert len(packed.get_data()) < len(plain.get_data()) / 2
    assert "Accept-Encoding" in packed.headers["Vary"]


def test_a_client_without_gzip_gets_the_plain_file(http):
    response = http.get("/static/css/app.css", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in response.headers


def _assets(http, page_url: str, html: str) -> list[str]:
    """Every CSS and JS file the page loads, following ES module imports."""
    found = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    queue, seen = list(found), []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.append(url)
        if url.endswith(".js"):
            source = http.get(url).get_data(as_text=True)
            for spec in re.findall(r"""(?:import|from)\s*['"](\.{1,2}/[^'"]+)['"]""", source):
                queue.append(urljoin(url, spec))
    return seen


def test_attendee_page_first_load_is_under_100_kb_on_the_wire(http, created):
    body = created()
    page = http.get(f"/j/{body['code']}", headers=GZIP)
    assets = _assets(http, f"/j/{body['code']}", page.get_data(as_text=True))
    assert "/static/vendor/socket.io.esm.min.js" in assets and any(a.endswith("attendee.js") for a in assets)
    sizes = {a: len(http.get(a, headers=GZIP).get_data()) for a in assets}
    total = len(page.get_data()) + sum(sizes.values())
    print(f"\nattendee page first load: {total} bytes on the wire ({len(assets)} files)")
    assert total < 100_000
