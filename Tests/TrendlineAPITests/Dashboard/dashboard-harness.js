// Runs the dashboard's own script, as served by a live Trendline at TRENDLINE_BASE, in Node with
// a small DOM made from the page's HTML, and drives it as a user would: a wrong key, the right
// key, tracking URLs into a campaign, filtering by it, lengthening its videos' windows, opening a video's chart and per-day table, editing its notes, milestones and window, switching the metric, pausing, following and
// unfollowing creators, reviewing the inbox, adding, testing, disabling and deleting a webhook,
// deleting a video (declined, then confirmed), forgetting the key, and opening the page with a read-only key.
// Prints what the page showed after each step as JSON; DashboardScriptTests checks it.
"use strict";

const BASE = process.env.TRENDLINE_BASE;
const KEY = process.env.TRENDLINE_KEY;
const TRACK_URL = process.env.TRENDLINE_TRACK_URL;
const CHART_TITLE = process.env.TRENDLINE_CHART_TITLE;

class Element {
  constructor(tagName, id = "", attributes = "") {
    this.tagName = tagName;
    this.id = id;
    this.children = [];
    this.listeners = {};
    this.attributes = {};
    this.dataset = {};
    this.textContent = "";
    this.className = "";
    this.href = "";
    this.hidden = /\shidden(\s|$|>)/.test(" " + attributes);
    this.checked = /\schecked(\s|$|>)/.test(" " + attributes);
    const value = attributes.match(/\svalue="([^"]*)"/);
    this.value = value ? value[1] : "";
  }
  append(...nodes) { this.children.push(...nodes); }
  replaceChildren(...nodes) { this.children = nodes; }
  addEventListener(type, listener) { (this.listeners[type] = this.listeners[type] || []).push(listener); }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  scrollIntoView() {}
  click() { downloads.push({ download: this.download, href: this.href }); }
  fire(type) { for (const listener of this.listeners[type] || []) listener({ preventDefault() {}, stopPropagation() {} }); }
  get text() { return this.children.length ? this.children.map((child) => child.text).join(" | ") : this.textContent; }
}

function pageElements(html) {
  const elements = {};
  for (const match of html.matchAll(/<(\w+)((?:\s[^>]*)?)\sid="([^"]+)"([^>]*)>/g)) {
    const [, tag, before, id, after] = match;
    const element = new Element(tag, id, before + " " + after);
    if (tag === "select") {
      const body = html.slice(match.index).split("</select>")[0];
      const first = body.match(/<option(?:\s+value="([^"]*)")?>([^<]*)<\/option>/);
      element.value = first[1] !== undefined ? first[1] : first[2];
    }
    elements[id] = element;
  }
  const actions = [...html.matchAll(/<button data-action="(\w+)"/g)].map((match) => {
    const button = new Element("button");
    button.dataset.action = match[1];
    return button;
  });
  return { elements, actions };
}

let inFlight = 0;
const downloads = [];
const objectURLs = new Map();
async function settle() {
  for (let quiet = 0; quiet < 3;) {
    await new Promise((resolve) => setTimeout(resolve, 15));
    quiet = inFlight === 0 ? quiet + 1 : 0;
  }
}

async function main() {
  const html = await (await fetch(BASE + "/dashboard")).text();
  const script = html.match(/<script>([\s\S]*)<\/script>/)[1];
  const { elements, actions } = pageElements(html);
  const storage = new Map();
  let reloaded = false;
  const document = {
    getElementById(id) {
      if (!elements[id]) throw new Error("the script uses #" + id + ", which the page does not have");
      return elements[id];
    },
    createElement: (tag) => new Element(tag),
    createElementNS: (namespace, tag) => new Element(tag),
    querySelectorAll(selector) {
      if (selector !== "[data-action]") throw new Error("unexpected selector " + selector);
      return actions;
    },
  };
  const localStorage = {
    getItem: (name) => (storage.has(name) ? storage.get(name) : null),
    setItem: (name, value) => storage.set(name, String(value)),
    removeItem: (name) => storage.delete(name),
  };
  const location = { reload() { reloaded = true; } };
  // Counts a request as in flight until its body has arrived, so settle() waits for it whole.
  const pageFetch = async (path, init) => {
    inFlight += 1;
    try {
      const response = await fetch(BASE + path, init);
      const body = await response.text();
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } finally { inFlight -= 1; }
  };
  // Object URLs the page makes for downloads, kept so what it saved can be read back.
  const pageURL = {
    createObjectURL(blob) { const url = "blob:" + (objectURLs.size + 1); objectURLs.set(url, blob); return url; },
    revokeObjectURL() {},
  };
  // window.confirm: each question is kept, and answered by the next of `confirmAnswers`.
  const confirmAnswers = [];
  const confirmed = [];
  const pageConfirm = (question) => { confirmed.push(question); return confirmAnswers.shift() === true; };
  new Function("document", "localStorage", "location", "fetch", "URL", "confirm", script)(document, localStorage, location, pageFetch, pageURL, pageConfirm);
  await settle();

  const $ = (id) => elements[id];
  const seen = {};
  seen.start = { loginHidden: $("login").hidden, trackHidden: $("track").hidden, videosHidden: $("videos").hidden };

  $("key").value = "tl_live_" + "x".repeat(32);
  $("key-form").fire("submit");
  await settle();
  seen.wrongKey = { error: $("key-error").textContent, trackHidden: $("track").hidden, stored: localStorage.getItem("trendline.key") };

  $("key").value = "  " + KEY + " ";
  $("key-form").fire("submit");
  await settle();
  seen.opened = {
    error: $("key-error").textContent, usage: $("usage").textContent, trackHidden: $("track").hidden, loginHidden: $("login").hidden,
    stored: localStorage.getItem("trendline.key") === KEY, rows: $("video-rows").children.map((row) => row.text),
  };

  $("urls").value = TRACK_URL + "\n  https://example.com/not-a-video \n";
  $("track-campaign").value = " Spring launch ";
  $("track-form").fire("submit");
  await settle();
  seen.tracked = {
    result: $("track-result").textContent, resultClass: $("track-result").className, urls: $("urls").value, rows: $("video-rows").children.map((row) => row.text),
    campaigns: $("campaign").children.map((option) => option.value + "=" + option.textContent),
  };

  $("campaign").value = "Spring launch";
  $("campaign").fire("change");
  await settle();
  $("export").fire("click");
  await settle();
  const saved = downloads[0] || {};
  const csv = saved.href && objectURLs.has(saved.href) ? await objectURLs.get(saved.href).text() : "";
  seen.exported = { file: saved.download || null, lines: csv.split("\r\n").filter(Boolean).length, header: csv.split("\r\n")[0], exportHidden: $("export").hidden };
  seen.campaign = {
    rows: $("video-rows").children.map((row) => row.text), summary: $("campaign-summary").textContent, summaryHidden: $("campaign-summary").hidden,
    chartHidden: $("campaign-chart").hidden, chartLines: $("campaign-chart").children.length,
  };
  $("campaign-days").value = "20";
  $("campaign-window").fire("click");
  await settle();
  seen.campaignWindow = { result: $("campaign-result").textContent, resultClass: $("campaign-result").className, actionsHidden: $("campaign-actions").hidden, rows: $("video-rows").children.length };
  $("campaign-days").value = "31";
  $("campaign-window").fire("click");
  await settle();
  seen.campaignBadWindow = { result: $("campaign-result").textContent, resultClass: $("campaign-result").className };
  $("campaign").value = "";
  $("campaign").fire("change");
  await settle();
  seen.allAgain = {
    rows: $("video-rows").children.length, summaryHidden: $("campaign-summary").hidden, chartHidden: $("campaign-chart").hidden, exportHidden: $("export").hidden,
    actionsHidden: $("campaign-actions").hidden,
  };

  $("sort").value = "views";
  $("sort").fire("change");
  await settle();
  seen.sorted = { rows: $("video-rows").children.map((row) => row.text), error: $("videos-error").textContent };
  $("sort").value = "";
  $("sort").fire("change");
  await settle();

  $("search").value = " chart VIDEO ";
  $("search").fire("change");
  await settle();
  seen.searched = { rows: $("video-rows").children.map((row) => row.text), error: $("videos-error").textContent };
  $("search").value = "";
  $("search").fire("change");
  await settle();

  // Posted from a day long past: only the videos whose publication day is known (the maker's);
  // a range in 2000 holds none; a range ending before it starts is the API's 400, shown.
  $("published-from").value = "2000-01-01";
  $("published-from").fire("change");
  await settle();
  seen.postedSince = { rows: $("video-rows").children.map((row) => row.text), error: $("videos-error").textContent };
  $("campaign").value = "Spring launch";
  $("campaign").fire("change");
  await settle();
  seen.postedCampaign = { summary: $("campaign-summary").textContent, rows: $("video-rows").children.length };
  $("campaign").value = "";
  $("campaign").fire("change");
  await settle();
  $("published-to").value = "2000-01-31";
  $("published-to").fire("change");
  await settle();
  seen.postedInJanuary2000 = { rows: $("video-rows").children.length, error: $("videos-error").textContent };
  $("published-from").value = "2000-02-01";
  $("published-from").fire("change");
  await settle();
  seen.postedBackwards = { error: $("videos-error").textContent };
  $("published-from").value = "";
  $("published-to").value = "";
  $("published-to").fire("change");
  await settle();

  $("find-url").value = " https://youtu.be/dQw4w9WgXcQ?si=x ";
  $("find-url").fire("change");
  await settle();
  seen.foundByURL = { rows: $("video-rows").children.map((row) => row.text), error: $("videos-error").textContent };
  $("find-url").value = "https://example.com/nothing";
  $("find-url").fire("change");
  await settle();
  seen.badURL = { error: $("videos-error").textContent };
  $("find-url").value = "";
  $("find-url").fire("change");
  await settle();

  const chartRow = $("video-rows").children.find((row) => row.text.includes(CHART_TITLE));
  chartRow.fire("click");
  await settle();
  const line = () => $("chart").children[0];
  seen.detail = {
    hidden: $("detail").hidden, title: $("detail-title").textContent, link: $("detail-link").href, status: $("detail-status").textContent,
    caption: $("chart-caption").textContent, points: line() ? line().attributes.points.split(" ").length : 0,
    perDay: $("per-day-rows").children.map((row) => row.text),
  };

  $("per-day-export").fire("click");
  await settle();
  const perDay = downloads[downloads.length - 1] || {};
  const perDayCSV = perDay.href && objectURLs.has(perDay.href) ? await objectURLs.get(perDay.href).text() : "";
  seen.perDayExport = { file: perDay.download || null, header: perDayCSV.split("\r\n")[0] };

  $("detail-export").fire("click");
  await settle();
  const history = downloads[downloads.length - 1] || {};
  const historyCSV = history.href && objectURLs.has(history.href) ? await objectURLs.get(history.href).text() : "";
  seen.detailExport = { file: history.download || null, lines: historyCSV.split("\r\n").filter(Boolean), error: $("detail-error").textContent };

  $("detail-campaign").value = "  Moved ";
  $("save-campaign").fire("click");
  await settle();
  seen.moved = {
    field: $("detail-campaign").value, error: $("detail-error").textContent, rows: $("video-rows").children.map((row) => row.text),
    campaigns: $("campaign").children.map((option) => option.value),
  };

  $("detail-notes").value = "## Brief\n- sponsored";
  $("save-notes").fire("click");
  await settle();
  seen.notes = { field: $("detail-notes").value, saved: $("detail-saved").textContent, savedClass: $("detail-saved").className };

  $("detail-milestones").value = "50000, 1000 1000";
  $("save-milestones").fire("click");
  await settle();
  seen.milestones = { field: $("detail-milestones").value, status: $("detail-milestones-status").textContent, saved: $("detail-saved").textContent };
  $("detail-milestones").value = "50k";
  $("save-milestones").fire("click");
  await settle();
  seen.badMilestones = { saved: $("detail-saved").textContent, savedClass: $("detail-saved").className, status: $("detail-milestones-status").textContent };
  $("detail-days").value = "14";
  $("detail-cadence").value = "daily";
  $("save-window").fire("click");
  await settle();
  seen.window = { days: $("detail-days").value, cadence: $("detail-cadence").value, status: $("detail-status").textContent, saved: $("detail-saved").textContent };
  $("detail-days").value = "45";
  $("save-window").fire("click");
  await settle();
  seen.badWindow = { saved: $("detail-saved").textContent, savedClass: $("detail-saved").className, days: $("detail-days").value };
  $("detail-notes").value = "  ";
  $("save-notes").fire("click");
  await settle();
  seen.notesCleared = { field: $("detail-notes").value, saved: $("detail-saved").textContent };

  $("metric").value = "saves";
  $("metric").fire("change");
  seen.emptyMetric = { caption: $("chart-caption").textContent, lines: $("chart").children.length };

  actions.find((button) => button.dataset.action === "pause").fire("click");
  await settle();
  seen.paused = { status: $("detail-status").textContent, error: $("detail-error").textContent, rows: $("video-rows").children.map((row) => row.text) };

  const texts = (id) => $(id).children.map((row) => row.text);
  seen.creatorsShown = {
    rows: texts("creator-rows"), inbox: texts("inbox-rows"), inboxCount: $("inbox-count").textContent,
    includeAllHidden: $("include-all").hidden, creatorsHidden: $("creators").hidden, inboxHidden: $("inbox").hidden,
  };

  $("creator-filter").value = $("creator-filter").children.find((option) => option.textContent === "maker (tiktok)").value;
  $("creator-filter").fire("change");
  await settle();
  seen.creatorFilter = { rows: texts("video-rows"), options: $("creator-filter").children.map((option) => option.textContent) };
  $("creator-filter").value = "";
  $("creator-filter").fire("change");
  await settle();

  $("creator-rows").children.find((row) => row.text.includes("Maker (maker)")).fire("click");
  await settle();
  seen.followers = {
    caption: $("followers-caption").textContent, captionHidden: $("followers-caption").hidden, chartHidden: $("followers-chart").hidden,
    points: $("followers-chart").children[0] ? $("followers-chart").children[0].attributes.points.split(" ").length : 0, error: $("creators-error").textContent,
  };

  $("creator").value = "someone";
  $("follow-form").fire("submit");
  await settle();
  seen.followWithoutPlatform = { result: $("follow-result").textContent, resultClass: $("follow-result").className, rows: texts("creator-rows").length };

  $("creator").value = " https://www.tiktok.com/@NewMaker ";
  $("creator-mode").value = "selective";
  $("creator-campaign").value = " Scouting ";
  $("follow-form").fire("submit");
  await settle();
  seen.followed = { result: $("follow-result").textContent, resultClass: $("follow-result").className, field: $("creator").value, rows: texts("creator-rows") };

  // The first waiting video's Include button (the second cell from the end).
  const firstWaiting = $("inbox-rows").children[0];
  firstWaiting.children[firstWaiting.children.length - 2].children[0].fire("click");
  await settle();
  seen.included = { result: $("inbox-result").textContent, count: $("inbox-count").textContent, inbox: texts("inbox-rows"), videos: texts("video-rows") };
  $("creator-rows").children.find((row) => row.text.includes("Maker (maker)")).fire("click");
  await settle();
  seen.followersWithAVideo = { caption: $("followers-caption").textContent };

  $("exclude-all").fire("click");
  await settle();
  seen.excludedAll = {
    result: $("inbox-result").textContent, count: $("inbox-count").textContent, inbox: texts("inbox-rows").length,
    includeAllHidden: $("include-all").hidden, excludeAllHidden: $("exclude-all").hidden, videos: texts("video-rows").length,
  };

  // The maker's mode button (the cell before Unfollow): its next videos are tracked at once.
  const makerRow = $("creator-rows").children.find((row) => row.text.includes("Maker (maker)"));
  makerRow.children[makerRow.children.length - 2].children[0].fire("click");
  await settle();
  seen.modeChanged = { result: $("follow-result").textContent, rows: texts("creator-rows") };

  // The new creator's Unfollow button (the last cell).
  const followedRow = $("creator-rows").children.find((row) => row.text.includes("newmaker"));
  followedRow.children[followedRow.children.length - 1].children[0].fire("click");
  await settle();
  seen.unfollowed = { result: $("follow-result").textContent, rows: texts("creator-rows") };

  $("urls").value = Array.from({ length: 51 }, (_, n) => "https://www.youtube.com/watch?v=bulk" + String(n).padStart(7, "0")).join("\n");
  $("track-campaign").value = "";
  $("track-form").fire("submit");
  await settle();
  seen.bulk = { result: $("track-result").textContent, resultClass: $("track-result").className, urls: $("urls").value };

  // A webhook: added with the events ticked (the secret shown once), tested, disabled (a test
  // is then refused, and the waiting delivery says when it goes), deleted.
  $("hook-url").value = " https://hooks.example.com/dash ";
  $("hook-tracking-completed").checked = false;
  $("hook-milestone-reached").checked = true;
  $("hook-form").fire("submit");
  await settle();
  seen.hookAdded = { result: $("hook-result").textContent, resultClass: $("hook-result").className, rows: texts("hook-rows"), field: $("hook-url").value };
  const hookRow = () => $("hook-rows").children[0];
  const hookButton = (fromEnd) => hookRow().children[hookRow().children.length - fromEnd].children[0];
  hookButton(3).fire("click");
  await settle();
  seen.hookTested = { result: $("hook-result").textContent, caption: $("deliveries-caption").textContent, deliveries: texts("delivery-rows"), hidden: $("deliveries").hidden };
  $("replay").fire("click");
  await settle();
  seen.hookReplayed = { result: $("hook-result").textContent, replayHidden: $("replay").hidden };
  hookButton(2).fire("click");
  await settle();
  seen.hookDisabled = { result: $("hook-result").textContent, rows: texts("hook-rows") };
  hookButton(3).fire("click");
  await settle();
  seen.hookRefused = { result: $("hook-result").textContent, resultClass: $("hook-result").className };
  hookRow().fire("click");
  await settle();
  seen.hookParked = { deliveries: texts("delivery-rows") };
  hookButton(1).fire("click");
  await settle();
  seen.hookDeleted = { result: $("hook-result").textContent, rows: texts("hook-rows"), deliveriesHidden: $("deliveries").hidden };

  // Deleting the open video: nothing happens when the question is declined; once confirmed
  // the video leaves the list and its detail closes.
  const openURL = $("detail-link").textContent;
  const tracked = async () => (await (await fetch(BASE + "/v1/videos?url=" + encodeURIComponent(openURL), { headers: { "X-API-Key": KEY } })).json()).data.length;
  confirmAnswers.push(false);
  $("delete-video").fire("click");
  await settle();
  seen.deleteDeclined = { question: confirmed[confirmed.length - 1], tracked: await tracked(), detailHidden: $("detail").hidden };
  confirmAnswers.push(true);
  $("delete-video").fire("click");
  await settle();
  seen.deleted = {
    tracked: await tracked(), detailHidden: $("detail").hidden, error: $("detail-error").textContent,
    listed: $("video-rows").children.map((row) => row.text),
  };

  $("forget").fire("click");
  seen.forgot = { stored: localStorage.getItem("trendline.key"), reloaded };

  // A read-only key: the videos and their figures, nothing that changes them.
  $("key").value = process.env.TRENDLINE_READONLY_KEY;
  $("key-form").fire("submit");
  await settle();
  $("campaign").value = "Spring launch";
  $("campaign").fire("change");
  await settle();
  const hiddenOf = (ids) => Object.fromEntries(ids.map((id) => [id, $(id).hidden]));
  seen.readOnly = {
    usage: $("usage").textContent, rows: $("video-rows").children.length,
    sections: hiddenOf(["videos", "track", "inbox", "creators", "webhooks"]),
    controls: hiddenOf(["refresh", "delete-video", "detail-campaign-edit", "detail-milestones-row", "detail-window-row", "detail-notes-row", "campaign-actions"]),
    actionsHidden: actions.every((button) => button.hidden), summaryHidden: $("campaign-summary").hidden,
  };
  console.log(JSON.stringify(seen));
}

main().catch((error) => { console.error(error.stack || String(error)); process.exit(1); });
