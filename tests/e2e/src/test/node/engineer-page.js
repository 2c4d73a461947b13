// Drives lampctl's engineer's page in headless Chromium (Debian's chromium, through playwright-core) for the fleet
// end-to-end test: node engineer-page.js URL POSTS SCREENSHOT [CHROMIUM]. Waits for POSTS posts on the plan, clicks
// the first, waits for its plugins and its chart (or its "no history" note), saves a screenshot, and prints one JSON
// line with what it saw and every console error and page error; the Java test judges it.
"use strict";

const { chromium } = require("playwright-core");

// Polls with locators, which run in Playwright's own world: page.waitForFunction would evaluate a string in the
// page, which the page's Content-Security-Policy (no eval) rightly forbids.
async function until(what, check, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) {
      return;
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error("timed out waiting for " + what);
}

async function main() {
  const [url, posts, screenshot, executable] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: executable || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  const errors = [];
  const seen = {};
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", m => { if (m.type() === "error") errors.push("console: " + m.text()); });
    page.on("pageerror", e => errors.push("page: " + e.message));
    page.on("requestfailed", r => errors.push("request failed: " + r.url()));
    await page.goto(url);
    await until(posts + " posts on the plan",
      async () => await page.locator("#plan circle.post").count() >= Number(posts), 60000);
    seen.posts = await page.locator("#plan circle.post").count();
    seen.unreachable = await page.locator("#plan circle.post.unreachable").count();
    seen.summary = await page.locator("#summary").textContent();
    await page.locator("#plan circle.post:not(.unreachable)").first().dispatchEvent("click");
    await until("the post's plugins", async () => await page.locator("#plugins tbody tr").count() > 0, 30000);
    seen.title = await page.locator("#detail-title").textContent();
    seen.plugins = await page.locator("#plugins tbody tr td:first-child").allTextContents();
    seen.facts = await page.locator("#facts tr").allTextContents();
    await until("the night chart or its note", async () =>
      (await page.locator("#chart-note").textContent()).startsWith("no history")
        || Number(await page.locator("#chart").getAttribute("data-points")) > 0, 60000);
    seen.chartPoints = Number(await page.locator("#chart").getAttribute("data-points"));
    seen.chartNote = await page.locator("#chart-note").textContent();
    seen.rollout = await page.locator("#rollout-text").textContent();
    await page.screenshot({ path: screenshot, fullPage: true });
  } catch (e) {
    errors.push("driver: " + e.message);
  } finally {
    await browser.close();
  }
  seen.errors = errors;
  process.stdout.write(JSON.stringify(seen) + "\n");
}

main().catch(e => {
  process.stdout.write(JSON.stringify({ errors: ["driver: " + e.message] }) + "\n");
});
