"""The server the browser tests and the Lighthouse audits load the site from serves it as GitHub Pages does: text
compressed with gzip for a browser that accepts it, the same bytes once decompressed, and everything else (Pagefind's
index files, compressed already) as it is."""
from __future__ import annotations

import gzip
import urllib.error
import urllib.request

import pytest


def fetch(url: str, gzip_accepted: bool) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_accepted else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return dict(response.headers), response.read()


@pytest.mark.parametrize("path", ["", "councils/cumberland/", "static/style.css", "pagefind/pagefind.js"])
def test_text_is_compressed_for_a_browser_that_accepts_it(site, path: str):
    file = site.dir / path / "index.html" if path.endswith("/") or not path else site.dir / path
    headers, body = fetch(site.at(path), gzip_accepted=True)
    assert headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in headers["Vary"]
    assert int(headers["Content-Length"]) == len(body) < file.stat().st_size
    assert gzip.decompress(body) == file.read_bytes()
    plain_headers, plain = fetch(site.at(path), gzip_accepted=False)
    assert "Content-Encoding" not in plain_headers and plain == file.read_bytes()


def test_what_is_compressed_already_is_sent_as_it_is(site):
    fragment = next((site.dir / "pagefind" / "fragment").glob("*.pf_fragment"))
    headers, body = fetch(site.at(fragment.relative_to(site.dir).as_posix()), gzip_accepted=True)
    assert "Content-Encoding" not in headers and body == fragment.read_bytes()


def test_a_folder_without_its_slash_is_redirected_and_a_missing_page_is_not_found(site):
    with pytest.raises(urllib.error.HTTPError) as missing:
        fetch(site.at("no/such/page/"), gzip_accepted=True)
    assert missing.value.code == 404
    request = urllib.request.Request(site.at("councils/cumberland"), headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:  # followed to the folder's page
        assert response.url == site.at("councils/cumberland/")
        assert gzip.decompress(response.read()) == (site.dir / "councils" / "cumberland" / "index.html").read_bytes()
