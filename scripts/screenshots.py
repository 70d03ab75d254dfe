#!/usr/bin/env python3
"""Full-page screenshots of the directory's main page types, at desktop and mobile widths, to look at.

    .venv/bin/python scripts/screenshots.py [FOLDER] [--site DIR]

Builds the shipped content (or serves an already built site given by --site), serves it on 127.0.0.1
under its published path, and writes PNGs into FOLDER (default screenshots/, which git ignores):
a council page, a capability page, two reorganisation boards, the home page and search with results.
Uses the system's Chromium, as the browser tests do (set CHROMIUM_PATH if it is not on the PATH).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directory.pipeline import check  # noqa: E402
from tests.browser.harness import TODAY, build_site, launch_chromium, published_path, serve  # noqa: E402

PAGES = {
    "home": "",
    "council-cumberland": "councils/cumberland/",
    "capability-website": "capabilities/website/",
    "reorganisation-cumbria-2023": "reorganisations/cumbria-2023/",
    "reorganisation-surrey-2027": "reorganisations/surrey-2027/",
    "programme": "reorganisations/",
    "area-decided-norfolk": "reorganisations/norfolk-2028/",
    "area-undecided-hampshire": "reorganisations/hampshire-iow-portsmouth-southampton-2028/",
    "council-breckland": "councils/breckland/",
    "council-hart": "councils/hart/",
    "funded-work": "projects/funded-work/",
    "renewals": "renewals/",
    "search-localgov-drupal": "search/",
}
SEARCH_QUERY = "LocalGov Drupal"
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 390, "height": 844}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "screenshots",
                        help="where to write the PNGs (default: screenshots/)")
    parser.add_argument("--site", type=Path, metavar="DIR", help="an already built site to serve instead of building")
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="screenshots-site-") as scratch:
        if args.site:
            site_dir, directory = args.site, check(ROOT / "content", TODAY, ROOT).directory
        else:
            site_dir = Path(scratch) / "site"
            directory = build_site(site_dir).directory
        with serve(site_dir, published_path(directory)) as url:
            written = take_screenshots(url, args.folder)
    for path in written:
        print(path)
    return 0


def take_screenshots(base_url: str, folder: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from tests.browser.search_page import SearchPage

    written = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for width_name, viewport in WIDTHS.items():
            context = browser.new_context(viewport=viewport, device_scale_factor=1, reduced_motion="reduce")
            page = context.new_page()
            for name, path in PAGES.items():
                response = page.goto(base_url + path)
                if response is None or response.status != 200:
                    print(f"warning: /{path} answered {response.status if response else 'nothing'}", file=sys.stderr)
                if path == "search/":
                    try:
                        SearchPage(page, _Served(base_url)).search(SEARCH_QUERY)
                    except AssertionError as error:  # still worth a picture: it shows what went wrong
                        print(f"warning: search for {SEARCH_QUERY!r}: {error}", file=sys.stderr)
                target = folder / f"{name}-{width_name}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
            context.close()
        browser.close()
    return written


class _Served:
    """Where the site is served, in the shape SearchPage reads."""

    def __init__(self, url: str):
        self.url = url

    def at(self, path: str) -> str:
        return self.url + path


if __name__ == "__main__":
    sys.exit(main())
