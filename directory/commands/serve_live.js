// The preview's live reload and error banner. `python build.py serve` adds this script to the pages it serves
// (in the HTTP response, never in the files), so the built site never carries it.
//
// It listens to the server's events (server-sent events): after a rebuild that changed this page, it reloads
// it; while the content or a template has errors, it shows them in a banner at the top of the page, until they
// are mended or the banner is dismissed.
(() => {
  "use strict";
  const script = document.currentScript;
  const here = decodeURIComponent(location.pathname).replace(/^\//, "").replace(/index\.html$/, "");
  // page: this page, which the server brings up to date first when a file changes
  const query = new URLSearchParams({since: script.dataset.build, server: script.dataset.server, page: here});
  const events = new EventSource(`/__serve__/events?${query}`);
  let dismissed = "";

  events.onmessage = (event) => {
    const state = JSON.parse(event.data);
    if (state.changed === "*" || state.changed.includes(here)) {
      events.close();
      location.reload();
      return;
    }
    show(state.problems);
  };

  function show(problems) {
    const old = document.getElementById("serve-problems");
    const text = problems.join("\n");
    if (old && old.dataset.problems === text) return;
    if (old) old.remove();
    if (!problems.length || text === dismissed) return;
    const banner = document.createElement("section");
    banner.id = "serve-problems";
    banner.dataset.problems = text;
    banner.setAttribute("aria-labelledby", "serve-problems-title");
    banner.style.cssText = "border: 5px solid #d4351c; background: #fff; color: #0b0c0c; padding: 1rem;" +
      " margin: 0 0 1.5rem; font-size: 1rem; line-height: 1.4";
    const alert = document.createElement("div");
    alert.setAttribute("role", "alert");
    const title = document.createElement("h2");
    title.id = "serve-problems-title";
    title.style.cssText = "margin: 0 0 0.5rem; font-size: 1.25rem";
    const built = !document.body.hasAttribute("data-serve-unbuilt");
    title.textContent = built ? "The preview could not be updated" : "The site could not be built";
    const advice = document.createElement("p");
    advice.style.margin = "0 0 0.5rem";
    advice.textContent = (built ? "This is the last version that built. " : "") +
      "Fix what is listed here and save the file: the page updates by itself.";
    const list = document.createElement("ul");
    list.style.cssText = "margin: 0 0 0.75rem; padding-left: 1.25rem";
    for (const problem of problems) {
      const item = document.createElement("li");
      const code = document.createElement("code");
      code.style.cssText = "white-space: pre-wrap; overflow-wrap: anywhere; color: #0b0c0c";
      code.textContent = problem;
      item.append(code);
      list.append(item);
    }
    alert.append(title, advice, list);
    const dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "button button--secondary";  // the site's own button, where its stylesheet has one
    dismiss.textContent = "Dismiss";
    dismiss.addEventListener("click", () => {
      dismissed = text;
      banner.remove();
      const main = document.getElementById("main-content");
      if (main) {
        main.setAttribute("tabindex", "-1");
        main.focus();
      }
    });
    banner.append(alert, dismiss);
    const main = document.getElementById("main-content");
    if (main) main.prepend(banner); else document.body.prepend(banner);
    banner.scrollIntoView({block: "nearest"});
  }
})();
