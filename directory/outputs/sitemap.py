"""Where pages live, and the sitemap and robots.txt that tell search engines about them."""
from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from ..site.addresses import Addresses

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"

SITEMAP_FIELDS = (
    ("urlset/url/loc", "The full address of one page, in path order. Every page of the site is listed."),
)
ROBOTS_FIELDS = (
    ("User-agent / Allow", "Every search engine may read every page."),
    ("Sitemap", "The full address of sitemap.xml. Search engines look for robots.txt only at the top of a web "
                "address (https://example.org/robots.txt), so it takes effect only when the site is published there, "
                "not in a folder of another site."),
)


def write_sitemap(urls: Addresses, pages: list[str], staging: Path) -> None:
    """sitemap.xml: every page but the embeddable views, which are parts of pages listed (their canonical address).
    One file holds up to 50,000 addresses; 10,000 councils make about 11,000 pages."""
    urlset = ElementTree.Element("urlset", xmlns=SITEMAP_NAMESPACE)
    for path in (path for path in pages if not path.startswith(urls.embeds)):
        ElementTree.SubElement(ElementTree.SubElement(urlset, "url"), "loc").text = urls.full(path)
    ElementTree.indent(urlset)
    text = ElementTree.tostring(urlset, encoding="unicode")
    (staging / urls.sitemap).write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n{text}\n', encoding="utf-8")


def write_robots(urls: Addresses, staging: Path) -> None:
    (staging / urls.robots).write_text(f"User-agent: *\nAllow: /\n\nSitemap: {urls.full(urls.sitemap)}\n",
                                       encoding="utf-8")
