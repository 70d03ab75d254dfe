"""Every address of the site, in one place (compare datasette's url_builder): render writes each page at the
address named here, templates link to it, and the sitemap, feeds and open data give the same address in full.

Pages are folders, written as paths from the site's root with a trailing slash ('councils/cumberland/', its
index.html); a page links to another as `root` (one '../' per level of its own path) plus that path, because
the site may be served from a sub-path. Files are paths from the root too ('api/councils.json').
"""
from __future__ import annotations

from ..content.load import as_id
from ..content.models import Site


class Addresses:
    """Paths of every page and file, and the full addresses built from them. Given to templates as `urls`."""

    home = ""
    councils = "councils/"
    capabilities = "capabilities/"
    products = "products/"
    projects = "projects/"
    funded_work = "projects/funded-work/"  # funded collaborative work by programme and round
    topics = "topics/"
    reorganisations = "reorganisations/"  # the programme: every area under way by stage, and those done before
    matches = "matches/"
    renewals = "renewals/"
    search = "search/"
    contribute = "contribute/"
    open_data = "open-data/"
    about = "about/"
    embeds = "embed/"  # views made to sit in another site's iframe: a part of a page, on its own
    not_found = "404.html"  # served for any missing path, so its links are written from the site's own path

    stylesheet = "static/style.css"
    favicon = "static/favicon.svg"
    search_script = "static/search.js"
    search_index = "pagefind/"

    councils_json = "api/councils.json"
    products_json = "api/products.json"
    projects_json = "api/projects.json"
    capabilities_json = "api/capabilities.json"
    topics_json = "api/topics.json"
    reorganisations_json = "api/reorganisations.json"
    matches_json = "api/matches.json"
    councils_csv = "data/councils.csv"
    stack_csv = "data/stack.csv"
    participations_csv = "data/participations.csv"
    challenges_csv = "data/challenges.csv"
    pledges_csv = "data/pledges.csv"
    contracts_csv = "data/contracts.csv"  # one row per council and contract, with its source
    proposals_csv = "data/proposals.csv"
    schemas = "schemas/"
    changes_feed = "feeds/changes.xml"
    capability_feeds = "feeds/capabilities/"
    reorganisations_feed = "feeds/reorganisations.xml"  # the reorganisation under way: an entry per area
    sitemap = "sitemap.xml"
    robots = "robots.txt"

    # A record's page, by the kind of record: council, product, project, capability, topic, reorganisation.
    RECORD_FOLDERS = {"council": councils, "product": products, "project": projects, "capability": capabilities,
                      "topic": topics, "reorganisation": reorganisations}

    def __init__(self, site: Site):
        self.base_url = site.base_url
        self._edit = f"{site.repository.rstrip('/')}/edit/{site.branch}/content/"

    def council(self, council_id: str) -> str:
        return f"{self.councils}{council_id}/"

    def councils_by(self, facet: str, value: str) -> str:
        """The councils with one value of a facet, such as councils/by-region/north-west/."""
        return f"{self.councils}by-{facet}/{as_id(value)}/"

    def capability(self, capability_id: str) -> str:
        return f"{self.capabilities}{capability_id}/"

    def product(self, product_id: str) -> str:
        return f"{self.products}{product_id}/"

    def project(self, project_id: str) -> str:
        return f"{self.projects}{project_id}/"

    def topic(self, topic_id: str) -> str:
        return f"{self.topics}{topic_id}/"

    def reorganisation(self, reorganisation_id: str) -> str:
        return f"{self.reorganisations}{reorganisation_id}/"

    def embed_capability(self, capability_id: str) -> str:
        """A capability's map and table, to embed."""
        return f"{self.embeds}{self.capability(capability_id)}"

    def embed_reorganisation(self, reorganisation_id: str) -> str:
        """An area's map and convergence board, to embed."""
        return f"{self.embeds}{self.reorganisation(reorganisation_id)}"

    def record(self, kind: str, record_id: str) -> str:
        return f"{self.RECORD_FOLDERS[kind]}{record_id}/"

    def capability_feed(self, capability_id: str) -> str:
        return f"{self.capability_feeds}{capability_id}.xml"

    def schema(self, kind: str) -> str:
        return f"{self.schemas}{kind}.schema.json"

    def full(self, path: str) -> str:
        """The full address of a page or file, as the sitemap, feeds and open data give it."""
        return f"{self.base_url}{path}"

    def edit(self, folder: str, record_id: str) -> str:
        """GitHub's web editor for a content file, such as the 'Edit this profile' link of a council."""
        return f"{self._edit}{folder}/{record_id}.yaml"
