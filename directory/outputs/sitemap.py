"""Where pages live, and the sitemap and robots.txt that tell search engines about them."""
from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from ..content.models import Site

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
PAGE_FOLDERS = {"council": "councils", "product": "products", "project": "projects", "capability": "capabilities",
                "topic": "topics", "reorganisation": "reorganisations"}

SITEMAP_FIELDS = (
    ("urlset/url/loc", "The full address of one page, in path order. Every page of the site is listed."),
)
ROBOTS_FIELDS = (
    ("User-agent / Allow", "Every search engine may read every page."),
    ("Sitemap", "The full address of sitemap.xml. Search engines look for robots.txt only at the top of a web "
                "address (https://example.org/robots.txt), so it takes effect only when the site is published there, "
                "not in a folder of another site."),
)


def page_url(site: Site, kind: str, record_id: str) -> str:
    """The full address of a record's page, such as https://.../councils/cumberland/."""
    return f"{site.base_url}{PAGE_FOLDERS[kind]}/{record_id}/"


def page_paths(staging: Path) -> list[str]:
    """Every page written into the site, as a path like 'councils/cumberland/' ('' for the home page)."""
    paths = []
    for page in staging.rglob("index.html"):
        folder = page.parent.relative_to(staging).as_posix()
        paths.append("" if folder == "." else f"{folder}/")
    return sorted(paths)


def write_sitemap(site: Site, staging: Path) -> None:
    """sitemap.xml: every page. One file holds up to 50,000 addresses; 10,000 councils make about 11,000 pages."""
    urlset = ElementTree.Element("urlset", xmlns=SITEMAP_NAMESPACE)
    for path in page_paths(staging):
        ElementTree.SubElement(ElementTree.SubElement(urlset, "url"), "loc").text = f"{site.base_url}{path}"
    ElementTree.indent(urlset)
    text = ElementTree.tostring(urlset, encoding="unicode")
    (staging / "sitemap.xml").write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n{text}\n', encoding="utf-8")


def write_robots(site: Site, staging: Path) -> None:
    (staging / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {site.base_url}sitemap.xml\n",
                                        encoding="utf-8")
