// Runs Lighthouse for tests/browser/test_lighthouse.py: one Chromium and one Node process for every page, which
// halves the time of a run per page (starting Node with Lighthouse and Chromium took as long as an audit).
//
//   node tests/browser/lighthouse.mjs CHROMIUM USER_DATA_DIR [CHROMIUM_FLAG...]
//
// Reads one request a line on stdin, {"url": ..., "categories": [...], "report": path}, audits the URL in those
// categories with Lighthouse's default configuration (a phone on a slow 4G connection, simulated), writes the
// report (Lighthouse's JSON) to the path, and answers one line on stdout: {"report": path} or {"error": message}.
// Ends when stdin closes.

import { writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { defaultConfig } from "lighthouse";
import TraceGatherer from "lighthouse/core/gather/gatherers/trace.js";

// Chromium now names the frame details of its PipelineReporter trace events frame_reporter (Debian's 156 does);
// Lighthouse 12.2.3's trace engine reads only their old name, chrome_frame_reporter, and without it the audits
// that read the trace's frames cannot run: layout shifts (which elements moved), the largest contentful paint's
// element, render-blocking resources, non-composited animations. They weigh nothing in the scores, but they say
// what to fix. Their trace gets the old name back, beside the new, with the same details.
class Trace extends TraceGatherer {
  getArtifact() {
    for (const event of this._trace.traceEvents) {
      if (event.name === "PipelineReporter" && event.args?.frame_reporter && !event.args.chrome_frame_reporter) {
        event.args.chrome_frame_reporter = event.args.frame_reporter;
      }
    }
    return this._trace;
  }
}
const CONFIG = {
  ...defaultConfig,
  artifacts: defaultConfig.artifacts.map((artifact) =>
    artifact.id === "Trace" ? { id: "Trace", gatherer: { implementation: Trace } } : artifact),
};

const [chromePath, userDataDir, ...chromeFlags] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({ chromePath, userDataDir, chromeFlags });
const answer = (message) => process.stdout.write(JSON.stringify(message) + "\n");

try {
  for await (const line of createInterface({ input: process.stdin })) {
    const { url, categories, report } = JSON.parse(line);
    try {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: categories,
        // The screenshot of the whole page only illustrates the HTML report, and takes seconds on a long page.
        disableFullPageScreenshot: true,
      }, CONFIG);
      writeFileSync(report, result.report);
      answer({ report });
    } catch (error) {
      answer({ error: String(error && error.stack || error) });
    }
  }
} finally {
  await chrome.kill();
}
