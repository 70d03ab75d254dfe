"""Page checks through an HTML parser, on a small site built from content written inline.

Every page: one title, one h1, lang en-GB, the skip link, breadcrumbs where nested, footer credits, no
script outside the search page, and every relative link pointing at a page or file of the site. Then each
page type shows what it must: provenance per stack entry, freshness, claims, pledges, the convergence board.
"""
from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from directory.demo import generate
from directory.pipeline import build
from tests.conftest import TODAY
from directory.derive.indexes import derive
from tests.helpers import page, parse, rich_tree, rows

# ----------------------------------------------------------------------------------------------
# The site under test


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tree = rich_tree(tmp_path_factory.mktemp("content"))
    checked = tree.check()
    assert checked.errors == []
    out = tmp_path_factory.mktemp("built") / "site"
    build(tree.root, out, TODAY, tree.repo, search=False)
    return out


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def relative(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


# ----------------------------------------------------------------------------------------------
# Every page


def test_the_site_has_every_page_type(site: Path):
    for path in ["index.html", "councils/index.html", "councils/cumberland/index.html",
                 "councils/by-region/north-west/index.html", "councils/by-nation/wales/index.html",
                 "councils/by-kind/unitary/index.html", "councils/by-status/abolished/index.html",
                 "capabilities/index.html", "capabilities/website/index.html", "products/index.html",
                 "products/planx/index.html", "projects/index.html", "projects/localgov-elections/index.html", "projects/funded-work/index.html",
                 "topics/index.html", "topics/pdf-reduction/index.html", "reorganisations/index.html",
                 "reorganisations/cumbria-2023/index.html", "renewals/index.html", "search/index.html",
                 "contribute/index.html", "open-data/index.html", "about/index.html", "404.html",
                 "static/style.css", "static/search.js"]:
        assert (site / path).is_file(), path


def test_every_page_has_a_language_a_title_one_h1_a_skip_link_and_credits(site: Path):
    for path in html_pages(site):
        doc = parse(path.read_text(encoding="utf-8"))
        name = relative(site, path)
        assert doc.attrs["doctype"].lower() == "doctype html", name
        assert doc.find("html").attrs["lang"] == "en-GB", name
        title = doc.find("title").text
        assert title.endswith("Test Directory") and title, name
        assert len(doc.find_all("h1")) == 1, name
        if not name.startswith("embed/"):  # an embeddable view has nothing before its main content
            first_link = doc.find("body").find("a")
            assert (first_link.text, first_link.attrs["href"]) == ("Skip to main content", "#main-content"), name
        main = doc.find_all("main")
        assert len(main) == 1 and main[0].attrs["id"] == "main-content", name
        footer = doc.find("footer")
        credit = [a for a in footer.find_all("a") if "mysociety" in a.attrs["href"]]
        assert credit and "CC BY 4.0" in footer.text, name
        if name != "404.html":  # which carries its styles inline
            assert doc.find("link", rel="stylesheet").attrs["href"] == "../" * name.count("/") + "static/style.css"


def test_titles_are_unique(site: Path):
    titles = {}
    for path in html_pages(site):
        titles.setdefault(parse(path.read_text(encoding="utf-8")).find("title").text, []).append(relative(site, path))
    assert {title: paths for title, paths in titles.items() if len(paths) > 1} == {}


def test_nested_pages_have_breadcrumbs_leading_home(site: Path):
    for path in html_pages(site):
        name = relative(site, path)
        crumbs = parse(path.read_text(encoding="utf-8")).find_all("nav", aria_label="Breadcrumb")
        if name in ("index.html", "404.html") or name.startswith("embed/"):
            assert crumbs == [], name
            continue
        assert len(crumbs) == 1, name
        links = crumbs[0].find_all("a")
        assert links[0].text == "Home", name
        # about/: Home; councils/cumberland/ and councils/by-region/north-west/: Home, Councils.
        assert len(links) == min(name.count("/"), 2), name


def test_every_relative_link_points_at_a_file_of_the_site(site: Path):
    broken = []
    for path in html_pages(site):
        if path.name == "404.html":
            continue  # its links start from the site's published path; checked below
        doc = parse(path.read_text(encoding="utf-8"))
        for element in doc.find_all():
            for attribute in ("href", "src"):
                link = element.attrs.get(attribute)
                if not link or urlsplit(link).scheme or link.startswith("//"):
                    continue
                parts = urlsplit(link)
                target = (path.parent / unquote(parts.path)).resolve()
                if target.is_dir():
                    target = target / "index.html"
                if not target.is_file():
                    broken.append(f"{relative(site, path)}: {link}")
                elif parts.fragment and target.suffix == ".html":
                    ids = {node.attrs.get("id") for node in parse(target.read_text(encoding="utf-8")).find_all()}
                    if parts.fragment not in ids:
                        broken.append(f"{relative(site, path)}: {link} (no such id)")
    assert broken == []


def test_the_404_page_links_from_the_sites_published_path(site: Path):
    doc = page(site, "404.html")
    hrefs = [a.attrs["href"] for a in doc.find("main").find_all("a")]
    assert hrefs and all(href.startswith("/directory/") for href in hrefs)
    assert doc.find("style").text  # styled wherever it is served from


def test_only_the_search_page_has_a_script(site: Path):
    for path in html_pages(site):
        scripts = parse(path.read_text(encoding="utf-8")).find_all("script")
        if relative(site, path) == "search/index.html":
            assert [(s.attrs["type"], s.attrs["src"]) for s in scripts] == [("module", "../static/search.js")]
        else:
            assert scripts == [], relative(site, path)


def test_the_search_page_labels_its_input_and_explains_itself_without_javascript(site: Path):
    doc = page(site, "search")
    search_input = doc.find("input", type="search")
    labels = [label.text for label in doc.find_all("label") if label.attrs.get("for") == search_input.attrs["id"]]
    assert labels == ["Search the directory"]
    assert doc.find("div", role="status").attrs["aria-live"] == "polite"
    noscript = doc.find("main").find("noscript")
    assert "needs JavaScript" in noscript.text
    assert "#search-form { display: none; }" in doc.find("head").find("noscript").text  # no box that cannot work
    assert "../councils/" in [a.attrs["href"] for a in noscript.find_all("a")]


def _search_filters(main) -> set[tuple[str, str]]:
    return {(node.attrs["data-pagefind-filter"], node.text) for node in main.find_all()
            if "data-pagefind-filter" in node.attrs}


def test_search_indexes_only_the_six_page_types_with_their_filters(site: Path):
    indexed = {}
    for path in html_pages(site):
        main = parse(path.read_text(encoding="utf-8")).find("main")
        if "data-pagefind-body" in main.attrs:
            indexed[relative(site, path)] = {value for key, value in _search_filters(main) if key == "type"}
    assert indexed["councils/cumberland/index.html"] == {"Council"}
    assert indexed["products/planx/index.html"] == {"Product"}
    assert indexed["projects/localgov-elections/index.html"] == {"Project"}
    assert indexed["capabilities/website/index.html"] == {"Capability"}
    assert indexed["topics/pdf-reduction/index.html"] == {"Topic"}
    assert indexed["reorganisations/cumbria-2023/index.html"] == {"Reorganisation"}
    types = {name.split("/")[0] for name in indexed}
    assert types == {"councils", "products", "projects", "capabilities", "topics", "reorganisations"}
    assert not any(name.startswith("councils/by-") or name.count("/") == 1 for name in indexed)
    assert _search_filters(page(site, "councils/cumberland").find("main")) == {
        ("type", "Council"), ("region", "North West"), ("nation", "England"), ("capability", "Website"),
        ("capability", "Planning applications"), ("product", "LocalGov Drupal"), ("product", "PlanX")}


def test_the_search_page_lists_every_filter_value_with_its_pages(site: Path):
    """Counted from the filters the indexed pages carry (tests/browser/test_search.py compares them with
    Pagefind's own index), so that no filter index is downloaded to show them."""
    carried: dict[tuple[str, str], int] = {}
    for path in html_pages(site):
        main = parse(path.read_text(encoding="utf-8")).find("main")
        if "data-pagefind-body" in main.attrs:
            for key_value in _search_filters(main):
                carried[key_value] = carried.get(key_value, 0) + 1
    doc = page(site, "search")
    listed = {}
    for label in doc.find("div", id="search-filter-list").find_all("label"):
        box = label.find("input", type="checkbox")  # inside its label, which names it
        listed[(box.attrs["name"], box.attrs["value"])] = int(label.find("span").text.strip("()").replace(",", ""))
    assert listed == carried
    assert [legend.text for legend in doc.find_all("legend")] == ["Type of page", "Nation", "Region", "Capability",
                                                                  "Product"]


# ----------------------------------------------------------------------------------------------
# Councils


def test_a_council_page_shows_its_facts_as_a_summary_list(site: Path):
    facts = page(site, "councils/cumberland").find("dl", class_="summary-list")
    pairs = {row.find("dt").text: row.find("dd") for row in facts.find_all("div", class_="summary-list__row")}
    assert pairs["GSS code"].text == "E06000063"
    assert pairs["Kind"].text == "Unitary authority"
    assert pairs["Region"].text == "North West"
    assert pairs["Website"].find("a").attrs["href"] == "https://www.cumberland.gov.uk"
    assert pairs["Status"].text == "Active"
    assert [a.text for a in pairs["Replaced"].find_all("a")] == ["Allerdale Borough Council", "Carlisle City Council"]
    assert pairs["Maintained by"].find("a").attrs["href"] == "https://github.com/orgs/cumberland-council/teams/digital"
    assert pairs["Last reviewed"].text == "1 October 2026"


def test_the_stack_table_says_where_each_entry_comes_from(site: Path):
    main = page(site, "councils/cumberland").find("main")
    table = main.find("div", class_="scroll-region").find("table")
    assert main.find("div", class_="scroll-region").attrs["tabindex"] == "0"
    header, *body = rows(table)
    assert header == ["Capability", "Product", "Since", "Contract ends", "Hosting", "Notes", "Source"]
    assert body[0] == ["Website", "LocalGov Drupal", "2023", "31 March 2028", "Software as a service",
                       "We added events listings.", "Declared by the council"]
    assert body[1][:2] == ["Planning applications", "PlanX"]
    source = table.find_all("tr")[2].find_all("td")[-1].find("a")
    assert source.attrs["href"] == "https://github.com/theopensystemslab/planx-new"
    assert source.text.startswith("Public source")


def test_a_council_page_lists_its_contracts_with_status_in_words_and_where_each_was_read(site: Path):
    main = page(site, "councils/cumberland").find("main")
    assert main.find("h2", id="contracts").text == "Contracts"
    table = main.find("table", class_="contracts")
    assert "scroll-region" in table.parent.attrs["class"]
    header, *body = rows(table)
    assert header == ["Capability", "Contract", "Product or supplier", "Status", "Starts", "Ends", "Value", "Source"]
    # By capability name; the approval is not shown as signed; the buyer inferred from the notice is said so.
    assert [[cell.replace(" :", ":") for cell in row] for row in body] == [
        ["Planning applications", "Planning system replacement", "Not named", "Approved, not yet signed", "", "",
         "£250,000", "From the public record: Planning system replacement"],
        ["Revenues", "Revenues system support Buyer identified from its postcode in the notice.",
         "Northwind Revenues Northwind Systems Ltd", "Notice published Buyer inferred from the notice",
         "1 April 2022", "30 September 2027", "£48,732.40",
         "From the public record: Revenues system support Official notice: Revenues system support"],
        ["Website", "Not given", "Hosting Ltd", "Signed", "1 April 2019", "31 March 2023 Ended", "",
         "Declared by the council"]]
    revenues = table.find_all("tr")[2]
    assert [a.attrs["href"] for a in revenues.find_all("td")[-1].find_all("a")] == [
        "https://mirror.example/notice/1",
        "https://www.contractsfinder.service.gov.uk/Notice/aaaaaaaa-0000-4000-8000-000000000001"]
    explained = [li.text.replace(" :", ":") for li in main.find_all("li")
                 if li.find_all("strong") and li.find_all("strong")[0].text in (
                     "Approved, not yet signed", "Notice published", "Signed", "Buyer inferred from the notice")]
    assert [text.split(":")[0] for text in explained] == [
        "Signed", "Notice published", "Approved, not yet signed", "Buyer inferred from the notice"]
    assert explained[2] == "Approved, not yet signed: A council decision approved the award: it does not show that " \
                           "the contract was signed."
    assert "Open Government Licence v3.0" in main.text


def test_profile_markdown_is_rendered_without_raw_html_or_unsafe_links(site: Path):
    main = page(site, "councils/cumberland").find("main")
    assert main.find("em").text == "two"
    assert main.find_all("script") == []
    assert not any(a.attrs.get("href", "").startswith("javascript") for a in main.find_all("a"))
    assert "<script>" in main.find("div", class_="prose").text  # shown as text, never run


def test_freshness_and_claims_are_flagged(site: Path):
    def tags(path: str) -> list[str]:
        return [tag.text for tag in page(site, path).find("main").find_all("strong", class_="tag")]

    assert "Not reviewed for over 12 months" in tags("councils/westmorland-and-furness")
    assert "Not reviewed for over 12 months" not in tags("councils/cumberland")
    assert "Not yet claimed" in tags("councils/surrey-heath")
    assert "Not yet claimed" not in tags("councils/cumberland")
    unclaimed = page(site, "councils/surrey-heath").find("main")
    claim = unclaimed.find("div", class_="inset")
    assert "claim it" in claim.text and claim.find("a").attrs["href"] == "../../contribute/#claim"


def test_abolished_and_forthcoming_councils_are_explained_and_linked(site: Path):
    abolished = page(site, "councils/carlisle")
    status = [row for row in abolished.find_all("div", class_="summary-list__row") if row.find("dt").text == "Status"][0]
    assert status.find("dd").text.startswith("Abolished on 1 April 2023, replaced by")
    assert [a.attrs["href"] for a in status.find_all("a")] == ["../../councils/cumberland/",
                                                                "../../councils/westmorland-and-furness/"]
    forthcoming = page(site, "councils/east-surrey").find("main")
    assert "takes over on 1 April 2027" in forthcoming.text
    assert "Not yet assigned" in forthcoming.text  # no GSS code yet


def test_a_council_page_links_to_its_reorganisation_and_to_edit_its_file(site: Path):
    main = page(site, "councils/cumberland").find("main")
    hrefs = [a.attrs["href"] for a in main.find_all("a")]
    assert "../../reorganisations/cumbria-2023/" in hrefs
    edit = [a for a in main.find_all("a") if a.text.startswith("Edit this profile")]
    assert edit[0].attrs["href"] == "https://github.com/example/directory/edit/main/content/councils/cumberland.yaml"


def test_the_councils_to_talk_to_slot_says_what_to_add_when_there_are_no_matches(site: Path):
    slot = page(site, "councils/cardiff").find("section", aria_labelledby="talk-to")
    assert slot.find("h2").text == "Councils to talk to"
    assert "stack" in slot.text and "challenges" in slot.text


def test_a_council_page_lists_its_challenges_and_projects_with_pledges(site: Path):
    main = page(site, "councils/cumberland").find("main")
    challenge = main.find("div", class_="challenge")
    assert challenge.find("h3").text == "Fewer PDFs on our website Exploring"
    projects = [table for table in main.find_all("table") if "Shared projects" in table.find("caption").text][0]
    assert rows(projects)[0] == ["Project", "Phase", "Role", "Pledge", "Source"]
    assert rows(projects)[-1] == ["LocalGov Elections Community-fund project", "The project as a whole", "Funder",
                                  "£5,000 and 10 staff days", "Declared by the council"]


def test_a_council_page_lists_the_projects_it_led_first_with_each_phase_role_and_source(site: Path):
    main = page(site, "councils/cumberland").find("main")
    assert main.find("h2", id="projects").text == "Shared projects"
    intro = next(p for p in main.find_all("p") if p.text.startswith("Cumberland Council led"))
    assert intro.text.startswith("Cumberland Council led 2 projects and joined 1 other.")
    table = [table for table in main.find_all("table") if "Shared projects" in table.find("caption").text][0]
    groups = table.find_all("tbody")  # one group of rows per project, led first, then by name
    assert [group.find("th").find("a").text for group in groups] == [
        "Housing repairs online", "LocalGov Publications", "LocalGov Elections"]
    repairs = groups[0]
    assert repairs.find("th").attrs["scope"] == "rowgroup" and repairs.find("th").attrs["rowspan"] == "2"
    assert rows(repairs) == [
        ["Housing repairs online Collaboration", "Discovery Local Digital Fund, Round 2, September 2019", "Lead", "",
         "Declared by the council"],
        ["Alpha Local Digital Fund, Round 4, June 2020", "Lead", "",
         "From the public record : Housing repairs online, Alpha"]]
    phase_links = [a.attrs["href"] for a in repairs.find_all("a")]
    assert phase_links == ["../../projects/housing-repairs-online/",
                           "../../projects/housing-repairs-online/#phase-repairs-discovery",
                           "../../projects/housing-repairs-online/#phase-repairs-alpha", "https://example.org/round-4"]


def test_an_abolished_council_keeps_its_part_in_a_project_with_the_sources_notes(site: Path):
    main = page(site, "councils/allerdale").find("main")
    table = [table for table in main.find_all("table") if "Shared projects" in table.find("caption").text][0]
    [row] = rows(table)[1:]
    assert row[:3] == ["Housing repairs online Collaboration", "Discovery Local Digital Fund, Round 2, September 2019",
                       "Partner"]
    assert row[3].endswith("The source names it Allerdale District.")


def test_councils_a_to_z_and_one_page_per_filter_value(site: Path):
    def listed(path: str) -> list[str]:
        return [item.find("a").text for item in page(site, path).find_all("li", class_="council-list__item")]

    everyone = listed("councils")
    assert everyone == sorted(everyone, key=str.lower) and len(everyone) == 7
    assert listed("councils/by-nation/wales") == ["Cardiff Council"]
    assert listed("councils/by-status/abolished") == ["Allerdale Borough Council", "Carlisle City Council"]
    assert listed("councils/by-status/forthcoming") == ["East Surrey Council"]
    assert set(listed("councils/by-region/north-west")) == {"Allerdale Borough Council", "Carlisle City Council",
                                                            "Cumberland Council", "Westmorland and Furness Council"}
    facets = page(site, "councils/by-nation/wales").find("nav", aria_label="Filter councils")
    current = [a for a in facets.find_all("a") if a.attrs.get("aria-current") == "page"]
    assert [a.text for a in current] == ["Wales"]


# ----------------------------------------------------------------------------------------------
# Capabilities, products, projects, topics, reorganisations, renewals


def test_a_capability_chart_is_a_table_of_products_and_council_counts(site: Path):
    chart = page(site, "capabilities/planning").find("table", class_="bar-chart")
    assert "planning" in chart.find("caption").text.lower()
    header, *body = rows(chart)
    assert header == ["Product", "Councils"]
    assert [(cells[0].split(" Idox")[0].split(" Open Systems")[0], cells[1]) for cells in body] == \
        [("Uniform", "2"), ("PlanX", "2")]  # most used first; a tie in id order
    widths = [bar.attrs["style"] for bar in chart.find_all("span", class_="bar-chart__bar")]
    assert widths == ["width: 100.0%", "width: 100.0%"]
    assert all(track.attrs["aria-hidden"] == "true" for track in chart.find_all("span", class_="bar-chart__track"))


def test_a_product_page_lists_who_uses_it_for_what_and_since_when(site: Path):
    main = page(site, "products/localgov-drupal").find("main")
    table = main.find("div", class_="scroll-region").find("table")
    header, *body = rows(table)
    assert header == ["Council", "Used for", "Since", "Contract ends", "Source"]
    assert [cells[:4] for cells in body] == [
        ["Allerdale Borough Council", "Website", "", "31 March 2027"],
        ["Carlisle City Council", "Website", "", ""],
        ["Cumberland Council", "Website", "2023", "31 March 2028"],
        ["Westmorland and Furness Council", "Website", "", "30 June 2028"]]
    facts = {row.find("dt").text: row.find("dd").text for row in main.find_all("div", class_="summary-list__row")}
    assert facts["Open source"] == "Yes, GPL-2.0-or-later"
    assert "LocalGov Publications" in [a.text for a in main.find_all("a")]


def test_a_fund_project_shows_pledges_against_its_target(site: Path):
    main = page(site, "projects/localgov-elections").find("main")
    progress = main.find("div", class_="progress")
    assert progress.find("span", class_="progress__figure").text == "30%"  # 12,000 of 40,000
    assert "£12,000 pledged of £40,000" in progress.text and "10 staff days" in progress.text
    table = main.find("table")
    assert rows(table)[1:] == [["Cumberland Council", "Funder", "£5,000", "10"],
                               ["Westmorland and Furness Council", "Partner", "£7,000", ""],
                               ["Total", "", "£12,000", "10"]]


def test_a_fund_without_a_target_says_so(site: Path):
    main = page(site, "projects/shared-planning").find("main")
    assert "No funding target has been published." in main.text
    assert main.find_all("div", class_="progress") == []
    assert "Partners" in main.find("h2", id="seeking").parent.text


def _phase_facts(phase) -> dict[str, object]:
    return {row.find("dt").text: row.find("dd") for row in phase.find_all("div", class_="summary-list__row")}


def test_a_project_page_lists_its_funded_phases_in_order_with_what_each_was_awarded_and_produced(site: Path):
    main = page(site, "projects/housing-repairs-online").find("main")
    facts = {row.find("dt").text: row.find("dd").text for row in main.find("dl").find_all("div", class_="summary-list__row")}
    assert facts["Source"] == "https://example.org/repairs"
    phases = main.find_all("div", class_="funded-phase")
    assert [(phase.attrs["id"], phase.find("h3").text) for phase in phases] == [
        ("phase-repairs-discovery", "Housing repairs discovery"), ("phase-repairs-alpha", "Alpha"),
        ("phase-repairs-c19", "Repairs during lockdown")]  # the order they started
    discovery, alpha, c19 = (_phase_facts(phase) for phase in phases)
    assert {key: value.text for key, value in discovery.items() if key != "Councils that took part"} == {
        "Programme": "Local Digital Fund, Round 2", "Stage": "Discovery", "Started": "September 2019",
        "Amount": "£100,000, as the source states it", "What it produced": "https://example.org/repairs/report",
        "Source": "https://example.org/round-2"}
    assert discovery["What it produced"].find("a").attrs["href"] == "https://example.org/repairs/report"
    assert "Research with tenants into how they report repairs." in phases[0].text  # the phase's own summary
    assert alpha["Programme"].text == ("Local Digital Fund, Round 4 (inferred: the source does not name the round, see "
                                       "the notes)")
    assert (alpha["Amount"].text, alpha["Notes"].text) == ("Not published", "The amount was not published.")
    assert "What it produced" not in alpha
    assert (c19["Programme"].text, c19["Started"].text, c19["Amount"].text) == (
        "Local Digital C-19 Challenge", "14 September 2020", "£30,000, as the source states it")


def test_each_phase_names_who_took_part_with_their_role_and_where_that_comes_from(site: Path):
    phases = page(site, "projects/housing-repairs-online").find("main").find_all("div", class_="funded-phase")
    took_part = _phase_facts(phases[0])["Councils that took part"].find_all("li")
    cumberland, allerdale = took_part  # lead first, then by name
    assert cumberland.text == "Cumberland Council , lead. Declared by the council"
    assert [a.attrs["href"] for a in cumberland.find_all("a")] == ["../../councils/cumberland/"]
    # An abolished council keeps its part, with its successor named; the public record is linked.
    assert allerdale.text.startswith("Allerdale Borough Council (abolished, replaced by Cumberland Council ), partner.")
    assert [(a.text, a.attrs["href"]) for a in allerdale.find_all("a")] == [
        ("Allerdale Borough Council", "../../councils/allerdale/"), ("Cumberland Council", "../../councils/cumberland/"),
        ("From the public record : Allerdale Borough Council's part", "https://example.org/round-2")]
    assert allerdale.find("div", class_="prose").text == "The source names it Allerdale District."
    alpha = _phase_facts(phases[1])["Councils that took part"].find_all("li")
    assert [li.find("a").text for li in alpha] == ["Cumberland Council", "Westmorland and Furness Council"]
    assert all("From the public record" in li.text for li in alpha)


def test_the_funded_work_view_adds_up_what_derive_adds_up(site: Path, tmp_path: Path):
    derived = derive(rich_tree(tmp_path).check().directory)
    main = page(site, "projects/funded-work").find("main")
    assert main.find("h1").text == "Funded collaborative work"
    figures = {item.find("dt").text: [dd.text for dd in item.find_all("dd")]
               for item in main.find("dl", class_="figures").find_all("div", class_="figures__item")}
    totals = derived.funded_totals
    assert (totals.phases, totals.projects, totals.councils, totals.amount_gbp, totals.amounts_stated) == (
        3, 1, 3, 130000, 2)
    assert figures == {"Awards": ["3", "funded phases"], "Projects": ["1", "of 4 in the directory"],
                       "Councils": ["3", "took part, abolished ones included"],
                       "Amounts stated": ["£130,000", "£130,000, in the 2 of 3 awards that state one"]}
    assert [h2.text for h2 in main.find_all("h2")] == ["In figures", "Local Digital Fund",
                                                       "Local Digital C-19 Challenge"]
    fund = derived.funded_programmes["local-digital-fund"]
    by_round = rows(main.find("table"))
    assert by_round == [
        ["Round", "Awards", "Projects", "Councils", "Amount stated"],
        *[[f"Round {r.round}", str(r.totals.phases), str(r.totals.projects), str(r.totals.councils),
           (f"£{r.totals.amount_gbp:,}" if r.totals.amounts_stated else "None stated")
           + f" in {r.totals.amounts_stated} of {r.totals.phases} award{'s' if r.totals.phases != 1 else ''}"] for r in fund.rounds],
        ["All rounds", "2", "1", "3", "£100,000 in 1 of 2 awards"]]
    assert by_round[1:3] == [["Round 2", "1", "1", "2", "£100,000 in 1 of 1 award"],
                             ["Round 4", "1", "1", "2", "None stated in 0 of 1 award"]]
    awards = [table for table in main.find_all("table") if "each award" in table.find("caption").text]
    assert [table.find("caption").text.split(":")[0] for table in awards] == [
        "Local Digital Fund, Round 2", "Local Digital Fund, Round 4", "Local Digital C-19 Challenge, Round not given"]
    header, discovery = rows(awards[0])
    assert header == ["Project and phase", "Started", "Amount as stated", "Led by", "Councils", "What it produced",
                      "Source"]
    assert discovery[1:5] == ["September 2019", "£100,000", "Cumberland Council", "2"]
    links = {a.text.split(" ")[0]: a.attrs["href"] for a in awards[0].find_all("a")}
    assert links["Housing"] == "../../projects/housing-repairs-online/#phase-repairs-discovery"
    assert (links["Outputs"], links["Source"]) == ("https://example.org/repairs/report", "https://example.org/round-2")
    [alpha] = rows(awards[1])[1:]
    assert alpha[0].endswith("Round inferred: the source does not name it") and alpha[2] == "Not published"


def test_the_funded_work_view_is_linked_from_the_home_page_and_the_projects_index(site: Path):
    for path, root in (("", ""), ("projects", "../")):
        hrefs = [a.attrs["href"] for a in page(site, path).find("main").find_all("a")]
        assert f"{root}projects/funded-work/" in hrefs, path


def test_a_module_lists_participants_by_role(site: Path):
    main = page(site, "projects/localgov-publications").find("main")
    assert [h3.text for h3 in main.find_all("h3")] == ["Leading (1)"]


def test_a_topic_page_says_who_is_working_on_it_at_which_stage(site: Path):
    table = page(site, "topics/pdf-reduction").find("main").find("table")
    assert rows(table)[1:] == [["Cumberland Council", "Fewer PDFs on our website", "Exploring", "Partners, Advice"]]


def test_the_convergence_board_sets_predecessors_side_by_side(site: Path):
    main = page(site, "reorganisations/cumbria-2023").find("main")
    region = main.find("div", class_="scroll-region")
    assert region.attrs["role"] == "region" and region.attrs["aria-label"] and region.attrs["tabindex"] == "0"
    header, *body = rows(region.find("table"))
    assert header == ["Capability and where they stand", "Allerdale Borough Council", "Carlisle City Council",
                      "Cumberland Council new council", "Westmorland and Furness Council new council"]
    assert body == [
        ["Planning applications 2 products 2 of 2 record it", "Uniform", "PlanX", "PlanX", "Uniform ends February 2027"],
        ["Revenues One council only", "– Not recorded", "Northwind Revenues ends May 2027", "– Not recorded",
         "– Not recorded"],
        ["Website Same product 2 of 2 record it", "LocalGov Drupal ends March 2027", "LocalGov Drupal",
         "LocalGov Drupal ends March 2028", "LocalGov Drupal ends June 2028"],
    ]


def test_a_reorganisation_under_way_splits_its_councils_contracts_at_vesting_day(tmp_path: Path):
    from tests.conftest import ContentTree

    tree = ContentTree(tmp_path / "tree")
    tree.council("ash", """\
        stack:
          - {capability: website, product: localgov-drupal, contract_ends: 2027-06-30}
        contracts:
          - capability: revenues
            suppliers: [Revs Ltd]
            ends: 2029-03-31
            status: approved
            source: https://democracy.ash.example/decision/1
        """, name="Ash Council", gss="E07000101")
    tree.council("birch", """\
        contracts:
          - {capability: planning, ends: 2028-01-31, status: notice, source: https://mirror.example/notice/2}
        """, name="Birch Council", gss="E07000102")
    tree.council("north-shire", name="North Shire Council", gss=None, kind="unitary", status="forthcoming",
                 starts="2028-04-01")
    tree.write("reorganisations/shire-2028.yaml", """\
        name: Shire
        stage: decided
        vesting: 2028-04-01
        predecessors: [ash, birch]
        proposals:
          - id: shire-1
            title: one unitary council
            submitted_by: [ash]
            makeup:
              - {name: North Shire, whole: [ash, birch], council: north-shire}
            source: https://www.gov.uk/shire-1
        decision: {proposal: shire-1, date: 2026-03, standing: confirmed, source: https://www.gov.uk/shire-decision}
        successors: [north-shire]
        source: https://www.gov.uk/shire
        """)
    out = tmp_path / "site"
    build(tree.root, out, TODAY, tree.repo, search=False)
    main = page(out, "reorganisations/shire-2028").find("main")
    tables = [t for t in main.find_all("table", class_="contract-ends")]
    assert [t.find("caption").text for t in tables] == [
        "Contracts either side of vesting day, North Shire Council, soonest first",
        "Contracts either side of vesting day, whole area, soonest first"]
    for table in tables:  # the new council's and the whole area's: here the same two councils
        assert [[cell.replace(" :", ":") for cell in row] for row in rows(table)] == [
            ["Contract ends", "Council", "Capability", "Product or supplier", "Where it comes from"],
            ["Ending before vesting day (2)"],
            ["30 June 2027", "Ash Council", "Website", "LocalGov Drupal", "Declared by the council"],
            ["31 January 2028", "Birch Council", "Planning applications", "Not named",
             "From the public record: Birch Council, Planning applications Notice published"],
            ["Ending on or after vesting day (1)"],
            ["31 March 2029", "Ash Council", "Revenues", "Revs Ltd",
             "From the public record: Ash Council, Revenues Approved, not yet signed"]]
    assert main.find("h3", id="ending").text == "Contracts either side of vesting day"
    said = main.find("h3", id="ending").parent.text
    assert "Those ending before vesting day (1 April 2028) are chances to procure once, together, for the new " \
           "council" in said and "Those ending on vesting day or later pass to the new council" in said


def test_renewals_count_next_contract_ends_by_capability_and_financial_year(site: Path):
    main = page(site, "renewals").find("main")
    chart, table = main.find("table", class_="bar-chart"), main.find("table", class_="renewals")
    assert rows(chart)[1:] == [["2026 to 2027 from today", "1"], ["2027 to 2028", "2"], ["2028 to 2029", "1"],
                               ["2029 to 2030", "0"], ["2030 to 2031", "0"]]
    header, *body = rows(table)
    assert header == ["Capability", "2026 to 2027", "2027 to 2028", "2028 to 2029", "2029 to 2030", "2030 to 2031",
                      "Total"]
    # Website: Cumberland's stack (March 2028) and Westmorland and Furness's (June 2028); planning: February 2027;
    # revenues: Cumberland's contract from the public record (September 2027). Abolished councils renew nothing.
    assert body == [["Planning applications", "1", "0", "0", "0", "0", "1"],
                    ["Revenues", "0", "1", "0", "0", "0", "1"],
                    ["Website", "0", "1", "1", "0", "0", "2"],
                    ["All capabilities", "1", "2", "1", "0", "0", "4"]]
    assert "1 November 2026 to 31 March 2031" in main.find("p", class_="lead").text


def test_a_capability_lists_each_councils_next_contract_end_with_where_it_comes_from(site: Path):
    main = page(site, "capabilities/revenues").find("main")
    table = [t for t in main.find_all("table") if "ends in the next five years" in t.find("caption").text][0]
    assert [[cell.replace(" :", ":") for cell in row] for row in rows(table)] == [
        ["Contract ends", "Council", "Product or supplier", "Where it comes from"],
        ["30 September 2027", "Cumberland Council", "Northwind Revenues Northwind Systems Ltd",
         "From the public record: Cumberland Council, Revenues Notice published Buyer inferred from the notice"]]
    assert table.find_all("a")[-1].attrs["href"] == "https://mirror.example/notice/1"


def test_the_open_data_page_documents_every_file_in_the_registry(site: Path):
    from directory.outputs.open_data import OPEN_DATA

    main = page(site, "open-data").find("main")
    headings = [h2.text for h2 in main.find_all("h2")]
    for record in OPEN_DATA:
        assert record.title in headings
    linked = {a.attrs["href"] for a in main.find_all("a")}
    assert all("../" + record.path in linked for record in OPEN_DATA if not record.is_pattern)


def test_the_about_page_credits_every_source_with_its_licence(site: Path):
    main = page(site, "about").find("main")
    text = main.text
    assert "mySociety" in text and "CC BY 4.0" in text
    assert "Open Government Licence" in text and "MIT" in text and "CC0" in text
    assert "https://github.com/mysociety/uk_local_authority_names_and_codes" in {a.attrs["href"] for a in main.find_all("a")}


def test_the_contribute_page_describes_every_council_field_from_the_model(site: Path):
    from directory.content.models import Council

    fields = {row[0] for table in page(site, "contribute").find_all("table") for row in rows(table)}
    assert {name for name in Council.model_fields if name != "id"} <= fields


# ----------------------------------------------------------------------------------------------
# Lean pages


def test_the_stylesheet_is_under_15_kb_gzipped(site: Path):
    assert len(gzip.compress((site / "static" / "style.css").read_bytes(), 9)) < 15 * 1024


def test_the_largest_council_page_of_a_full_directory_is_under_40_kb(tmp_path: Path):
    content = generate(tmp_path / "demo", 150, start=date(2026, 10, 1))
    out = tmp_path / "site"
    build(content, out, TODAY, search=False)
    largest = max((out / "councils").glob("*/index.html"), key=lambda path: path.stat().st_size)
    assert largest.stat().st_size < 40 * 1024, largest


def test_search_reads_the_other_names_and_a_capabilitys_page_shows_them(content, tmp_path: Path):
    import json

    from tests.conftest import CAPABILITIES

    content.write("capabilities.yaml", CAPABILITIES.replace("    name: Website\n", (
        "    name: Website\n    also_known_as: [CMS, web CMS]\n")), schema_line=False)
    build(content.root, tmp_path / "site", TODAY, content.repo, search=False)

    form = page(tmp_path / "site", "search").find("form", id="search-form")
    assert json.loads(form.attrs["data-synonyms"]) == {"cms": ["Website"], "web cms": ["Website"]}
    main = page(tmp_path / "site", "capabilities/website").find("main")
    assert "Also known as: CMS, web CMS." in [p.text for p in main.find_all("p")]
