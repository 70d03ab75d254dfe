"""A deterministic, plainly fictional directory of any size, for tests, screenshots and benchmarks.

Councils, products and vendors are made up (web addresses end in .example, GSS codes start E99), with
the shape of the real thing: a few dominant and many niche products per capability, contracts ending
over the next five years, challenges, projects and pledges. Never mixed into content/.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

PLACE_STARTS = ["Ash", "Bram", "Cal", "Dun", "Elm", "Fern", "Glen", "Hol", "Ivy", "Kings", "Lang", "Mar",
                "Nor", "Oak", "Pen", "Quar", "Ros", "Stan", "Thorn", "Up", "Vale", "Wick", "Yar", "Zeal"]
PLACE_ENDS = ["bury", "ford", "ton", "ley", "wick", "mouth", "field", "ham", "stead", "combe", "dale", "minster",
              "port", "worth", "by", "thorpe", "well", "hurst", "moor", "bridge"]
KINDS = [("district", "District Council", 40), ("unitary", "Council", 20), ("county", "County Council", 6),
         ("metropolitan-district", "Metropolitan Borough Council", 10), ("london-borough", "London Borough Council", 8)]
REGIONS = ["North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
           "East of England", "London", "South East", "South West"]
GROUPS = {
    "customer": ("Customer and digital", ["website", "crm", "forms", "payments", "booking", "chatbot"]),
    "revenues": ("Revenues and benefits", ["council-tax", "business-rates", "benefits", "debt-recovery"]),
    "place": ("Planning and place", ["planning", "building-control", "land-charges", "gis", "highways", "parking"]),
    "environment": ("Environment and waste", ["waste-collection", "street-cleansing", "grounds-maintenance"]),
    "care": ("Care and health", ["adult-social-care", "childrens-social-care", "public-health"]),
    "housing": ("Housing", ["housing-management", "homelessness", "housing-repairs"]),
    "corporate": ("Corporate", ["finance", "hr-payroll", "procurement", "document-management", "email-office"]),
    "democracy": ("Democracy", ["electoral-registration", "committee-management"]),
    "regulation": ("Regulatory services", ["licensing", "environmental-health", "trading-standards"]),
}
TOPICS = ["local-government-reorganisation", "pdf-reduction", "accessibility", "contract-exit", "data-migration",
          "cloud-migration", "ai-adoption", "cyber-security", "legacy-replacement", "digital-planning",
          "open-data", "channel-shift", "content-design", "identity-verification", "shared-services"]
VENDOR_WORDS = ["Northwind", "Bluebell", "Copperleaf", "Driftwood", "Evergreen", "Foxglove", "Granite", "Harbour",
                "Ironbark", "Juniper", "Kestrel", "Lantern", "Meridian", "Nimbus", "Orchard", "Pinecone"]
CHALLENGES = ["Replace our ageing {cap} system", "Join up {cap} with our CRM", "Move {cap} to the cloud",
              "Fewer PDFs in {cap}", "Bring {cap} together after reorganisation", "Make {cap} accessible"]
SEEKING = ["partners", "advice", "funding", "testers", "suppliers"]


def _yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def generate(out: Path, councils: int, *, start: date, seed: int = 1) -> Path:
    """Write a complete content tree of `councils` councils into out; returns out.

    `start` is the demo's "today" (contracts end after it, profiles were reviewed before it). Callers name
    it, so that the same call gives the same directory on any day it runs.
    """
    rng = random.Random(seed)
    out = Path(out)
    for folder in ("councils", "products", "projects", "reorganisations"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    capabilities = [cap for _, caps in GROUPS.values() for cap in caps]
    _write_vocabularies(out, capabilities)
    products = _write_products(out, rng, capabilities)
    projects = _write_projects(out, rng, capabilities, products)
    council_ids = _write_councils(out, rng, councils, capabilities, products, projects, start)
    _write_reorganisations(out, rng, council_ids, start)
    return out


def _write_vocabularies(out: Path, capabilities: list[str]) -> None:
    (out / "site.yaml").write_text(
        "# yaml-language-server: $schema=../schemas/site.schema.json\n"
        "title: Demo Council Directory\n"
        "description: A fictional directory, generated for tests and benchmarks.\n"
        "base_url: https://demo.example/\nrepository: https://github.com/demo/directory\n"
        "licence: CC BY 4.0\nlicence_url: https://creativecommons.org/licenses/by/4.0/\n", encoding="utf-8")
    lines = ["# yaml-language-server: $schema=../schemas/capabilities.schema.json", "groups:"]
    lines += [f"  - id: {group}\n    name: {name}" for group, (name, _) in GROUPS.items()]
    lines.append("capabilities:")
    for group, (_, caps) in GROUPS.items():
        for cap in caps:
            name = cap.replace("-", " ").capitalize()
            lines.append(f"  - id: {cap}\n    name: {name}\n    group: {group}\n"
                         f"    description: Software councils use for {name.lower()}.")
    (out / "capabilities.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["# yaml-language-server: $schema=../schemas/topics.schema.json", "topics:"]
    for topic in TOPICS:
        name = topic.replace("-", " ").capitalize()
        lines.append(f"  - id: {topic}\n    name: {name}\n    description: Challenges about {name.lower()}.")
    (out / "topics.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_products(out: Path, rng: random.Random, capabilities: list[str]) -> dict[str, list[str]]:
    """Eight products per capability; returned in order of market share (the first ones dominate)."""
    products: dict[str, list[str]] = {}
    for cap in capabilities:
        products[cap] = []
        for rank, vendor in enumerate(rng.sample(VENDOR_WORDS, 8)):
            product_id = f"{vendor.lower()}-{cap}"
            open_source = rank in (2, 6)
            (out / "products" / f"{product_id}.yaml").write_text(
                "# yaml-language-server: $schema=../../schemas/product.schema.json\n"
                f"name: {vendor} {cap.replace('-', ' ').title()}\nvendor: {vendor} Systems (fictional)\n"
                f"capabilities: [{cap}]\nopen_source: {'true' if open_source else 'false'}\n"
                + ("licence: GPL-3.0-or-later\n" if open_source else "")
                + f"website: https://{vendor.lower()}.example/{cap}\n", encoding="utf-8")
            products[cap].append(product_id)
    return products


def _write_projects(out: Path, rng: random.Random, capabilities: list[str],
                    products: dict[str, list[str]]) -> dict[str, str]:
    """Id -> kind, for 30 modules, 6 fund projects and 6 collaborations."""
    projects: dict[str, str] = {}
    for number in range(42):
        kind = "module" if number < 30 else "fund" if number < 36 else "collaboration"
        cap = capabilities[number % len(capabilities)]
        project_id = f"{kind}-{cap}-{number}"
        lines = ["# yaml-language-server: $schema=../../schemas/project.schema.json",
                 f"name: {cap.replace('-', ' ').capitalize()} {kind} {number}", f"kind: {kind}",
                 f"status: {rng.choice(['proposed', 'active', 'maintained'])}",
                 f"summary: A fictional {kind} for {cap.replace('-', ' ')}.",
                 f"capabilities: [{cap}]", f"topics: [{rng.choice(TOPICS)}]",
                 f"seeking: {_yaml_list(rng.sample(SEEKING, rng.randint(0, 2)))}"]
        if kind == "module":
            lines.append(f"product: {products[cap][2]}")
        if kind == "fund":
            lines.append(f"funding_target_gbp: {rng.randint(2, 20) * 10000}")
        (out / "projects" / f"{project_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        projects[project_id] = kind
    return projects


def _council_names(count: int, rng: random.Random) -> list[tuple[str, str, str]]:
    places = [start + end for start in PLACE_STARTS for end in PLACE_ENDS]
    rng.shuffle(places)
    weights = [weight for _, _, weight in KINDS]
    names = []
    for number in range(count):
        place = places[number % len(places)]
        suffix = "" if number < len(places) else f" {number // len(places) + 1}"
        kind, title, _ = rng.choices(KINDS, weights)[0]
        names.append((f"{place}{suffix}", kind, title))
    return names


def _write_councils(out: Path, rng: random.Random, count: int, capabilities: list[str],
                    products: dict[str, list[str]], projects: dict[str, str], start: date) -> list[str]:
    ids = []
    share = [40, 25, 12, 8, 6, 4, 3, 2]  # a few dominant products, a long tail
    for number, (place, kind, title) in enumerate(_council_names(count, rng)):
        council_id = place.lower().replace(" ", "-")
        ids.append(council_id)
        region = rng.choice(REGIONS) if kind != "london-borough" else "London"
        lines = ["# yaml-language-server: $schema=../../schemas/council.schema.json",
                 f"name: {place} {title}", f"gss: E99{number:06d}", f"kind: {kind}", "nation: england",
                 f"region: {region}", f"website: https://www.{council_id}.example", "status: active",
                 f"maintainers: [demo-councils/{council_id}-digital]", f"contact: digital@{council_id}.example",
                 f"reviewed: {start - timedelta(days=rng.randint(0, 430))}",
                 f"summary: The fictional {place} {title} and its *digital* team.", "stack:"]
        for cap in rng.sample(capabilities, rng.randint(4, 14)):
            product = rng.choices(products[cap], share)[0]
            since = rng.randint(2010, start.year - 1)
            ends = start + timedelta(days=rng.randint(60, 5 * 365))
            lines += [f"  - capability: {cap}", f"    product: {product}", f"    since: {since}",
                      f"    contract_ends: {ends}", f"    hosting: {rng.choice(['saas', 'cloud', 'on-premises'])}"]
            if rng.random() < 0.2:
                lines.append("    notes: We extended it with our own forms.")
        challenges = rng.randint(0, 3)
        if challenges:
            lines.append("challenges:")
        for _ in range(challenges):
            cap = rng.choice(capabilities)
            lines += [f"  - title: {rng.choice(CHALLENGES).format(cap=cap.replace('-', ' '))}",
                      f"    topics: {_yaml_list(rng.sample(TOPICS, rng.randint(1, 2)))}",
                      f"    capabilities: [{cap}]",
                      f"    status: {rng.choice(['exploring', 'planning', 'in-progress', 'done'])}",
                      f"    seeking: {_yaml_list(rng.sample(SEEKING, rng.randint(0, 2)))}"]
        joined = rng.sample(sorted(projects), rng.choice([0, 0, 1, 1, 2, 3]))
        if joined:
            lines.append("projects:")
        for project in joined:
            role = rng.choice(["lead", "partner", "user", "funder"])
            lines += [f"  - project: {project}", f"    role: {role}"]
            if projects[project] == "fund":
                lines.append(f"    pledge: {{money_gbp: {rng.randint(1, 20) * 1000}, days: {rng.randint(0, 20)}}}")
        (out / "councils" / f"{council_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def _write_reorganisations(out: Path, rng: random.Random, council_ids: list[str], start: date) -> None:
    """One reorganisation per 40 councils: four predecessors each, among existing councils, merging into one."""
    pool = council_ids[:]
    rng.shuffle(pool)
    for number in range(len(council_ids) // 40):
        members = pool[number * 5:number * 5 + 5]
        predecessors, successor = members[:4], members[4]
        (out / "reorganisations" / f"demo-reorganisation-{number}.yaml").write_text(
            "# yaml-language-server: $schema=../../schemas/reorganisation.schema.json\n"
            f"name: Demo reorganisation {number}\nstage: {rng.choice(['decided', 'order-made'])}\n"
            f"vesting: {date(start.year + 1, 4, 1)}\n"
            f"predecessors: {_yaml_list(predecessors)}\nsuccessors: [{successor}]\n"
            "source: https://demo.example/reorganisations\n", encoding="utf-8")
