/*
 * NW London documents assistant: the staff chat widget. Plain JavaScript, no build step.
 *
 * Embed with one tag:  <script src="https://HOST/widget.js" data-api-base="https://HOST" defer></script>
 *   data-api-base  the API's base URL (default: where this script came from)
 *   data-target    CSS selector of an element to render into (default: a floating "Ask" button)
 *   data-api-key   only if the page may carry a key; otherwise the widget asks for one when needed
 *
 * Safety rule for this file: document and answer text is only ever put into the page with
 * textContent / createTextNode, never innerHTML, so a document containing markup renders inert.
 *
 * Accessibility (WCAG 2.2 AA, checked with axe-core in tests/browser): the conversation is not a live
 * region, so a screen reader is not read every streamed piece; each finished answer, abstention or error
 * is announced once through a hidden status (or alert) region. The source panel is a modal dialog that
 * keeps keyboard focus inside it until Escape or Close returns focus to the marker that opened it.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) return;
  var MAX_TURNS = 20; // the API's history limit
  var MAX_ANSWER_ECHO = 4000; // characters of an earlier answer sent back as history
  var MAX_HISTORY_CHARS = 40000; // keeps the request well under the API's 64 KB body limit
  var KEY_STORE = "nwl-assistant-api-key";
  var BOROUGHS = ["Brent", "Ealing", "Hammersmith and Fulham", "Harrow", "Hillingdon", "Hounslow",
    "Kensington and Chelsea", "Westminster"];
  var EXAMPLES = [
    "What changes for palliative care in Hammersmith and Fulham?",
    "When do the new contracts start?",
    "What are Ealing's borough partnership priorities?",
    "What did the board hear about MSK physiotherapy waiting times?"
  ];

  var srcOrigin = script.src ? new URL(script.src, location.href).origin : location.origin;
  var apiBase = (script.getAttribute("data-api-base") || srcOrigin).replace(/\/+$/, "");
  var apiKey = script.getAttribute("data-api-key") || sessionGet(KEY_STORE);
  var uid = "nwl" + Math.random().toString(36).slice(2, 8);
  var history = [];
  var busy = false;
  var lastQuestion = null;
  var openCite = null;
  var SVG_NS = "http://www.w3.org/2000/svg";
  // 24 px Material-style outlines, drawn inline so no icon font or emoji font is needed.
  var ICONS = {
    up: "M2 21h4V9H2v12zm20-11c0-1.1-.9-2-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 7.9 6 8.4 6 9v10c0 1.1.9 2 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z",
    down: "M22 3h-4v12h4V3zM2 14c0 1.1.9 2 2 2h6.3l-1 4.6v.3c0 .4.2.8.4 1.1l1.1 1 6.6-6.6c.4-.3.6-.8.6-1.4V5c0-1.1-.9-2-2-2H7c-.8 0-1.5.5-1.8 1.2l-3 7.1c-.1.2-.2.5-.2.7v2z",
    close: "M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z",
    copy: "M16 1H4c-1.1 0-2 .9-2 2v14h2V3h12V1zm3 4H8c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h11c1.1 0 2-.9 2-2V7c0-1.1-.9-2-2-2zm0 16H8V7h11v14z"
  };

  function sessionGet(name) {
    try { return window.sessionStorage.getItem(name) || ""; } catch (e) { return ""; }
  }

  function sessionSet(name, value) {
    try { window.sessionStorage.setItem(name, value); } catch (e) { /* storage may be disabled */ }
  }

  /* Build an element; `text` and children are always text nodes or elements, never parsed markup. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* An inline SVG icon. With a name it is an image of its own (role="img"); without, decoration hidden from
   * assistive technology because the control around it is named by its text. */
  function icon(name, label) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "20");
    svg.setAttribute("height", "20");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "nwl-icon");
    if (label) {
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", label);
      var title = document.createElementNS(SVG_NS, "title");
      title.textContent = label;
      svg.appendChild(title);
    } else {
      svg.setAttribute("aria-hidden", "true");
    }
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  function ensureStylesheet() {
    var href = apiBase + "/widget.css";
    var present = Array.prototype.some.call(document.querySelectorAll("link[rel=stylesheet]"), function (l) {
      return l.href === new URL(href, location.href).href;
    });
    if (!present) document.head.appendChild(el("link", { rel: "stylesheet", href: href }));
  }

  /* ---------- layout ---------- */
  ensureStylesheet();
  var select = el("select", { id: uid + "-borough" }, [el("option", { value: "", text: "All NW London" })]);
  BOROUGHS.forEach(function (b) { select.appendChild(el("option", { value: b, text: b })); });
  // Visible notices only; what a screen reader hears goes through the two hidden regions below, once.
  var status = el("div", { class: "nwl-status" });
  var announcer = el("div", { class: "nwl-sr", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  var alerter = el("div", { class: "nwl-sr", role: "alert", "aria-atomic": "true" });
  var turns = el("ol", { class: "nwl-turns" });
  // Scrolls on its own, so it must take keyboard focus (arrow keys scroll it) even before it holds a button.
  var log = el("div", { class: "nwl-log", role: "region", tabindex: "0", "aria-label": "Conversation" }, [turns]);
  var examples = el("div", { class: "nwl-examples" }, [el("p", { text: "Try one of these:" })]);
  EXAMPLES.forEach(function (q) {
    examples.appendChild(el("button", { type: "button", class: "nwl-example", text: q, onclick: function () { submit(q); } }));
  });
  var input = el("textarea", { id: uid + "-q", rows: 2, maxlength: 2000, placeholder: "Ask about the NW London documents…",
    "aria-describedby": uid + "-hint" });
  var sendButton = el("button", { type: "submit", class: "nwl-btn nwl-btn-primary", text: "Ask" });
  var form = el("form", { class: "nwl-form", onsubmit: function (e) { e.preventDefault(); submit(input.value); } }, [
    el("label", { for: uid + "-q", class: "nwl-sr", text: "Your question" }), input, sendButton
  ]);
  var panelTitle = el("h3", { id: uid + "-src-title", tabindex: "-1" });
  var panelMeta = el("p", { class: "nwl-meta nwl-source-meta" });
  var panelWhere = el("p", { class: "nwl-path" });
  var panelBody = el("div", { class: "nwl-source-body", role: "region", tabindex: "0", "aria-label": "Passage in its document" });
  var closeButton = el("button", { type: "button", class: "nwl-btn nwl-btn-icon", "aria-label": "Close source", onclick: closePanel },
    [icon("close"), el("span", { text: "Close" })]);
  var panel = el("div", { class: "nwl-source", role: "dialog", "aria-modal": "true", "aria-labelledby": uid + "-src-title", hidden: true }, [
    el("div", { class: "nwl-source-head" }, [el("div", {}, [panelTitle, panelMeta]), closeButton]),
    panelWhere,
    panelBody
  ]);
  // Offered once a borough is chosen: the register's changes for it, as a table (see showChanges).
  var changesButton = el("button", { type: "button", class: "nwl-btn nwl-changes-btn", hidden: true,
    onclick: function () { showChanges(select.value); } });
  select.addEventListener("change", function () {
    changesButton.hidden = !select.value;
    changesButton.textContent = "What changes in " + select.value;
  });
  var root = el("section", { class: "nwl", "aria-label": "NW London documents assistant" }, [
    el("div", { class: "nwl-head" }, [
      el("h2", { class: "nwl-title", text: "NW London documents assistant" }),
      el("div", { class: "nwl-borough" }, [el("label", { for: uid + "-borough", text: "Borough" }), select, changesButton])
    ]),
    status, announcer, alerter, log, examples, form,
    el("p", { class: "nwl-hint", id: uid + "-hint", text: "Do not enter patient details. Enter to ask, Shift+Enter for a new line. Answers quote the documents; select [n] to see a source." }),
    panel
  ]);
  root.addEventListener("keydown", function (e) { if (e.key === "Escape" && !panel.hidden) closePanel(); });
  panel.addEventListener("keydown", trapFocus);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(input.value); }
  });
  mount();

  function mount() {
    var selector = script.getAttribute("data-target");
    var target = selector ? document.querySelector(selector) : null;
    if (target) { target.appendChild(root); return; }
    root.classList.add("nwl-floating");
    root.hidden = true;
    var launcher = el("button", { type: "button", class: "nwl-launcher", "aria-expanded": "false", text: "Ask NW London documents" });
    launcher.addEventListener("click", function () {
      root.hidden = !root.hidden;
      launcher.setAttribute("aria-expanded", String(!root.hidden));
      if (!root.hidden) input.focus();
    });
    document.body.appendChild(root);
    document.body.appendChild(launcher);
  }

  /* ---------- talking to the API ---------- */
  function headers(json) {
    var h = json ? { "Content-Type": "application/json" } : {};
    if (apiKey) h.Authorization = "Bearer " + apiKey;
    return h;
  }

  /* A notice above the conversation; `quiet` when the same words are already announced elsewhere. */
  function setStatus(message, isError, quiet) {
    status.replaceChildren();
    status.classList.toggle("nwl-is-error", !!isError);
    if (message) status.appendChild(document.createTextNode(message));
    if (message && !quiet) announce(message, isError);
  }

  /* Say something to a screen reader once: errors through the alert region, the rest politely. Emptied
   * first, so the same words said twice in a row are still read. */
  function announce(message, isError) {
    var region = isError ? alerter : announcer;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 100);
  }

  function errorMessage(response, body) {
    var detail = body && body.error && body.error.message ? body.error.message : response.statusText;
    if (response.status === 429) {
      return "Too many questions in a short time; try again in " + (response.headers.get("Retry-After") || "a few") + " seconds.";
    }
    if (response.status === 503) return "The assistant cannot answer right now: " + detail;
    if (response.status === 401) return "This assistant needs an API key.";
    return detail || ("The server answered " + response.status + ".");
  }

  function unreachable() {
    return "The assistant is not reachable at " + apiBase + ". The server may be down; try again shortly.";
  }

  function askForKey() {
    setStatus("This assistant needs an API key. ", true);
    var field = el("input", { type: "password", id: uid + "-key", autocomplete: "off" });
    var keyForm = el("form", { class: "nwl-keyform", onsubmit: function (e) {
      e.preventDefault();
      apiKey = field.value.trim();
      if (!apiKey) return;
      sessionSet(KEY_STORE, apiKey);
      setStatus("");
      loadBoroughs();
      if (lastQuestion) submit(lastQuestion, true);
    } }, [el("label", { for: uid + "-key", text: "API key" }), field,
      el("button", { type: "submit", class: "nwl-btn nwl-btn-primary", text: "Use key" })]);
    status.appendChild(keyForm);
    field.focus();
  }

  function checkServer() {
    fetch(apiBase + "/readyz").then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) setStatus("The assistant is not ready: " + (body.reason || r.statusText), true);
      });
    }).catch(function () { setStatus(unreachable(), true); });
  }

  function loadBoroughs() {
    fetch(apiBase + "/v1/boroughs", { headers: headers(false) }).then(function (r) {
      if (r.status === 401 && !apiKey) askForKey();
      if (!r.ok) return;
      return r.json().then(function (list) {
        list.forEach(function (b) {
          var option = select.querySelector('option[value="' + CSS.escape(b.name) + '"]');
          if (option) option.textContent = b.name + " (" + b.chunks + " passages)";
        });
      });
    }).catch(function () { /* the static list stays */ });
  }

  function trimmedHistory() {
    var turns = history.slice(-MAX_TURNS);
    while (turns.length > 2 && JSON.stringify(turns).length > MAX_HISTORY_CHARS) turns = turns.slice(2);
    return turns;
  }

  /* Server-Sent Events over fetch (EventSource cannot POST): calls onEvent(name, data) per event. */
  async function readEvents(response, onEvent) {
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffer = "";
    for (;;) {
      var chunk = await reader.read();
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      var blocks = buffer.split(/\r\n\r\n|\n\n|\r\r/);
      buffer = blocks.pop();
      blocks.forEach(function (block) {
        var name = "message";
        var data = [];
        block.split(/\r\n|\n|\r/).forEach(function (line) {
          if (line.indexOf("event:") === 0) name = line.slice(6).trim();
          else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
        });
        if (data.length) onEvent(name, JSON.parse(data.join("\n")));
      });
    }
  }

  async function submit(text, isRetry) {
    var question = (text || "").trim();
    if (!question || busy) return;
    busy = true;
    sendButton.disabled = true;
    lastQuestion = question;
    examples.hidden = true;
    input.value = "";
    if (!isRetry) turns.appendChild(el("li", { class: "nwl-msg nwl-msg-user" }, [el("span", { class: "nwl-sr", text: "You asked: " }), question]));
    var turn = new Turn(question);
    turns.appendChild(turn.node);
    log.scrollTop = log.scrollHeight;
    var borough = select.value;
    try {
      var response = await fetch(apiBase + "/v1/chat", {
        method: "POST",
        headers: Object.assign(headers(true), { Accept: "text/event-stream" }),
        body: JSON.stringify({ question: question, history: trimmedHistory(), boroughs: borough ? [borough] : [] })
      });
      if (!response.ok) {
        var body = await response.json().catch(function () { return null; });
        turn.fail(errorMessage(response, body));
        if (response.status === 401) askForKey();
        else if (response.status === 503) setStatus(errorMessage(response, body), true, true);
      } else {
        await readEvents(response, turn.onEvent.bind(turn));
        if (!turn.finished) turn.fail("The answer was cut off before it finished; please ask again.");
        else if (turn.ok) {
          // Follow-ups are read from the user's turns; a long register answer need not travel back whole.
          history.push({ role: "user", content: question }, { role: "assistant", content: turn.answer.slice(0, MAX_ANSWER_ECHO) });
          setStatus("");
        }
      }
    } catch (err) {
      turn.fail(unreachable());
      setStatus(unreachable(), true, true);
    } finally {
      busy = false;
      sendButton.disabled = false;
      turn.node.removeAttribute("aria-busy");
      input.focus();
    }
  }

  /* ---------- one answer ---------- */
  function Turn(question) {
    this.question = question;
    this.answer = "";
    this.citations = [];
    this.finished = false;
    this.ok = false;
    this.answerId = null;
    this.understood = el("p", { class: "nwl-understood", hidden: true });
    this.label = el("p", { class: "nwl-outcome", hidden: true });
    this.body = el("div", { class: "nwl-answer" }, [el("p", { class: "nwl-working", text: "Searching the documents…" })]);
    this.extra = el("div");
    this.node = el("li", { class: "nwl-msg nwl-msg-bot", "aria-busy": "true" },
      [el("span", { class: "nwl-sr", text: "Assistant: " }), this.understood, this.label, this.body, this.extra]);
  }

  Turn.prototype.onEvent = function (name, data) {
    if (name === "retrieval") {
      if (data.standalone_question && data.standalone_question !== this.question) {
        this.understood.textContent = "Understood as: " + data.standalone_question;
        this.understood.hidden = false;
      }
    } else if (name === "delta") {
      this.answer += data.text;
      renderMarkdown(this.body, this.answer, this);
    } else if (name === "reset") {
      this.answer = data.text;
      renderMarkdown(this.body, this.answer, this);
    } else if (name === "citations") {
      this.citations = data.citations || [];
      renderMarkdown(this.body, this.answer, this);
    } else if (name === "error") {
      this.fail(data.error && data.error.message ? data.error.message : "The assistant could not answer.");
    } else if (name === "done") {
      this.finished = true;
      this.ok = !!data.ok;
      if (data.ok) this.complete(data);
    }
  };

  Turn.prototype.fail = function (message) {
    this.finished = true;
    if (!this.answer) this.body.replaceChildren();
    this.body.appendChild(el("p", { class: "nwl-error" }, [el("strong", { text: "Error: " }), message]));
    announce("Error: " + message, true);
  };

  Turn.prototype.complete = function (done) {
    this.answerId = done.answer_id;
    // `outcome` ("answered" | "partial" | "not_found") is newer than `abstained`; either may be missing.
    // A partial answer is also `abstained` (the detail asked is not in the documents) but it cites what is near.
    var partial = done.outcome === "partial";
    var abstained = !partial && (!!done.abstained || done.outcome === "not_found");
    var lead = "Answer: ";
    if (abstained) {
      this.node.classList.add("nwl-abstained");
      this.extra.appendChild(el("p", { class: "nwl-abstain", text:
        "The documents do not answer this, so nothing is cited. Try rephrasing, or choose another borough." }));
      lead = "No answer in the documents: ";
    } else if (partial) {
      this.node.classList.add("nwl-partial");
      this.label.textContent = "Partly answered: the documents cover only part of this question.";
      this.label.hidden = false;
      lead = "Partly answered: ";
    }
    // The composers end the answer with its own "Status: …" line; add one only when it did not.
    if (done.status && !STATUS_LINE.test(this.answer)) {
      this.body.appendChild(statusLine("Status: " + done.status + ".", this));
    }
    if (this.citations.length) this.extra.appendChild(sourcesList(this));
    this.extra.appendChild(actions(this));
    var sources = this.citations.length ? " " + countSources(this.citations) : "";
    announce(lead + spoken(this.answer) + sources);
  };

  Turn.prototype.plainText = function () {
    var lines = this.citations.map(function (c) {
      return "[" + c.n + "] " + c.title + " (" + c.date + ")" + (c.section ? ", " + c.section : "") +
        (pageOf(c) ? ", " + pageOf(c) : "") + ": “" + c.quote + "”";
    });
    return this.answer + (lines.length ? "\n\nSources:\n" + lines.join("\n") : "");
  };

  /* The answer as a screen reader should hear it: no [n] markers, Markdown marks or bullets. */
  function spoken(text) {
    return text.replace(/\s*\[\d{1,3}\]/g, "").replace(/\*\*|`/g, "").replace(/^\s*[-*•]\s+/gm, "")
      .replace(/\s*\n\s*/g, ". ").replace(/\.\s*\./g, ".").trim();
  }

  function countSources(citations) {
    var docs = {};
    citations.forEach(function (c) { docs[c.document] = true; });
    var nDocs = Object.keys(docs).length;
    return citations.length + (citations.length === 1 ? " source" : " sources") + " from " + nDocs +
      (nDocs === 1 ? " document." : " documents.");
  }

  /* ---------- a borough's changes, from the change register ---------- */
  /* GET /v1/changes for the borough, shown as a table (topic, change, status, when, source) in the
   * conversation. Its [n] markers open the source panel like an answer's: the table is a Turn-like object
   * whose citations are the records' citations numbered 1… across the table. */
  function showChanges(borough) {
    if (!borough) return;
    examples.hidden = true;
    var holder = { question: "What changes in " + borough, answer: "", citations: [] };
    var body = el("div", { class: "nwl-answer" }, [el("p", { class: "nwl-working", text: "Loading the changes for " + borough + "…" })]);
    var node = el("li", { class: "nwl-msg nwl-msg-bot nwl-changes", "aria-busy": "true" },
      [el("span", { class: "nwl-sr", text: "Assistant: " }), body]);
    turns.appendChild(node);
    node.scrollIntoView({ block: "nearest" });
    var url = apiBase + "/v1/changes?borough=" + encodeURIComponent(borough);
    fetch(url, { headers: headers(false) }).then(function (r) {
      return r.json().catch(function () { return null; }).then(function (data) {
        if (!r.ok) throw new Error(errorMessage(r, data));
        return data;
      });
    }).then(function (data) {
      body.replaceChildren();
      var changes = data.changes || [];
      var same = data.stays_same || [];
      if (!changes.length && !same.length) {
        body.appendChild(el("p", { text: "The documents' register of changes holds none for " + borough + ". Ask a question instead." }));
        announce("No changes listed for " + borough + ".");
        return;
      }
      var table = changesTable(changes, "Changes in " + borough + " (" + changes.length + "), newest first; " +
        "those marked “across NW London” apply in every borough", holder);
      body.appendChild(table);
      if (same.length) body.appendChild(changesTable(same, "Stays the same in " + borough + " (" + same.length + ")", holder));
      announce("Changes in " + borough + ": " + changes.length + " listed in a table" +
        (same.length ? ", and " + same.length + " that stay the same." : "."));
      table.focus();
    }).catch(function (err) {
      body.replaceChildren(el("p", { class: "nwl-error" }, [el("strong", { text: "Error: " }),
        err instanceof TypeError ? unreachable() : err.message]));
      announce("Error: " + (err instanceof TypeError ? unreachable() : err.message), true);
    }).finally(function () { node.removeAttribute("aria-busy"); });
  }

  /* One accessible table: a caption, column headers, and each change's text as its row header. Wrapped in a
   * focusable region so a wide table scrolls with the keyboard. */
  function changesTable(changes, caption, holder) {
    var id = uid + "-changes-" + turns.children.length + "-" + holder.citations.length;
    var head = el("tr", {}, ["Topic", "Change", "Status", "When", "Source"].map(function (name) {
      return el("th", { scope: "col", text: name });
    }));
    var rows = changes.map(function (change) {
      var text = change.current && change.new ? change.current + " → " + change.new : change.summary;
      var what = el("th", { scope: "row", class: "nwl-change-text" }, [text]);
      if (change.scope === "nw_london") what.appendChild(el("span", { class: "nwl-scope", text: " (across NW London)" }));
      var status = change.status || "not stated";
      if (change.era === "older") status = "older plan, " + change.date + (change.status ? "; " + change.status : "");
      var source = el("td", { class: "nwl-change-source" }, [el("span", { class: "nwl-doc-name", text: change.title }), " ",
        el("span", { class: "nwl-doc-date", text: change.date }), " "]);
      (change.citations || []).forEach(function (c) {
        holder.citations.push(Object.assign({}, c, { n: holder.citations.length + 1 }));
        source.appendChild(citeButton(holder.citations.length, holder));
      });
      return el("tr", {}, [el("td", { text: change.topic }), what, el("td", { text: status }),
        el("td", { text: change.when || "" }), source]);
    });
    var table = el("table", { class: "nwl-table" }, [el("caption", { id: id, text: caption }), el("thead", {}, [head]),
      el("tbody", {}, rows)]);
    return el("div", { class: "nwl-table-wrap", role: "region", tabindex: "0", "aria-labelledby": id }, [table]);
  }

  /* ---------- sources, grouped by document ---------- */
  /* "p. 12" or "pp. 12–13" when the citation carries a page (PDF sources, once the API sends it), else "". */
  function pageOf(c) {
    if (typeof c.page !== "number") return "";
    return typeof c.page_end === "number" && c.page_end > c.page ? "pp. " + c.page + "–" + c.page_end : "p. " + c.page;
  }

  function pdfLink(c) {
    if (typeof c.page !== "number") return null;
    return el("a", { class: "nwl-pdf", href: apiBase + "/v1/documents/" + encodeURIComponent(c.document) + "/file#page=" + c.page,
      target: "_blank", rel: "noopener" }, ["open the PDF at page " + c.page, el("span", { class: "nwl-sr", text: " (opens in a new tab)" })]);
  }

  /* One entry per document (with its date), and under it one row per place cited: the markers that quote
   * that section (and page), so fourteen quotes from one plan read as a handful of sections. */
  function sourcesList(turn) {
    var docs = [];
    var byDoc = {};
    turn.citations.forEach(function (c) {
      var doc = byDoc[c.document];
      if (!doc) { doc = byDoc[c.document] = { first: c, places: [], byPlace: {} }; docs.push(doc); }
      var key = (c.section || "") + "\u0000" + pageOf(c);
      var place = doc.byPlace[key];
      if (!place) { place = doc.byPlace[key] = { first: c, ns: [] }; doc.places.push(place); }
      place.ns.push(c.n);
    });
    var list = el("ul", { class: "nwl-docs" });
    docs.forEach(function (doc) {
      var rows = el("ul", { class: "nwl-places" });
      doc.places.forEach(function (place) {
        var c = place.first;
        var markers = el("span", { class: "nwl-markers" }, place.ns.map(function (n) { return citeButton(n, turn); }));
        var where = el("span", { class: "nwl-where" }, [el("span", { class: "nwl-section", text: c.section || "No section heading" })]);
        if (pageOf(c)) where.appendChild(el("span", { class: "nwl-page", text: pageOf(c) }));
        var link = pdfLink(c);
        if (link) where.appendChild(link);
        rows.appendChild(el("li", { class: "nwl-place" }, [markers, where]));
      });
      list.appendChild(el("li", { class: "nwl-doc" }, [
        el("p", { class: "nwl-doc-title" }, [el("span", { class: "nwl-doc-name", text: doc.first.title }), " ",
          el("span", { class: "nwl-doc-date", text: doc.first.date })]),
        rows
      ]));
    });
    return el("div", { class: "nwl-sources" }, [el("h3", { text: "Sources" }), list]);
  }

  /* ---------- safe rendering ---------- */
  var INLINE = /(\*\*[^*\n]+\*\*|`[^`\n]+`|\[\d{1,3}\])/;
  var STATUS_LINE = /^Status:\s/m;

  /* The answer's one status line, set apart so it reads as a verdict on the evidence, not another finding. */
  function statusLine(text, turn) {
    var line = el("p", { class: "nwl-status-line" }, [el("strong", { text: "Status:" }), " "]);
    inline(line, text.replace(/^Status:\s*/, ""), turn);
    return line;
  }

  function inline(parent, text, turn) {
    text.split(INLINE).forEach(function (part) {
      if (!part) return;
      var cite = /^\[(\d{1,3})\]$/.exec(part);
      if (cite) parent.appendChild(citeButton(Number(cite[1]), turn));
      else if (/^\*\*[^*]+\*\*$/.test(part)) parent.appendChild(el("strong", { text: part.slice(2, -2) }));
      else if (/^`[^`]+`$/.test(part)) parent.appendChild(el("code", { text: part.slice(1, -1) }));
      else parent.appendChild(document.createTextNode(part));
    });
  }

  /* A small Markdown subset (paragraphs, - and 1. lists, **bold**, `code`, [n]) built as DOM nodes. */
  function renderMarkdown(container, text, turn) {
    container.replaceChildren();
    var list = null;
    var para = null;
    text.split(/\r?\n/).forEach(function (line) {
      var bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
      var numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
      if (bullet || numbered) {
        var tag = bullet ? "UL" : "OL";
        if (!list || list.tagName !== tag) { list = el(tag.toLowerCase()); container.appendChild(list); }
        para = null;
        var item = el("li");
        inline(item, (bullet || numbered)[1], turn);
        list.appendChild(item);
      } else if (!line.trim()) {
        list = null; para = null;
      } else {
        list = null;
        var heading = /^#{1,6}\s+(.*)$/.exec(line);
        if (heading) { container.appendChild(el("p", {}, [el("strong", { text: heading[1] })])); para = null; return; }
        if (STATUS_LINE.test(line)) { container.appendChild(statusLine(line, turn)); para = null; return; }
        if (para) para.appendChild(el("br"));
        else { para = el("p"); container.appendChild(para); }
        inline(para, line, turn);
      }
    });
  }

  function citeButton(n, turn) {
    var c = turn.citations[n - 1];
    return el("button", { type: "button", class: "nwl-cite", "data-n": n, "aria-haspopup": "dialog", "aria-expanded": "false",
      "aria-label": c ? "Source " + n + ": " + c.title : "Source " + n, text: "[" + n + "]",
      onclick: function (e) { openCitation(turn, n, e.currentTarget); } });
  }

  /* ---------- the source panel ---------- */
  function openCitation(turn, n, trigger) {
    var c = turn.citations[n - 1];
    if (!c) return;
    if (openCite) openCite.setAttribute("aria-expanded", "false");
    openCite = trigger;
    trigger.setAttribute("aria-expanded", "true");
    panelTitle.textContent = c.title;
    panelMeta.textContent = c.date + " · " + c.file;
    showWhere(c);
    panelBody.replaceChildren(
      el("div", { class: "nwl-context" }, [el("mark", { text: c.quote })]),
      el("p", { class: "nwl-meta nwl-working", text: "Loading the surrounding text…" })
    );
    panel.hidden = false;
    panelTitle.focus();
    var url = apiBase + "/v1/documents/" + encodeURIComponent(c.document) + "/passages/" + encodeURIComponent(c.chunk_id) + "?around=400";
    fetch(url, { headers: headers(false) }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    }).then(function (p) {
      if (openCite !== trigger) return;
      showPassage(c, p);
    }).catch(function () {
      var note = panelBody.querySelector(".nwl-working");
      if (note) note.textContent = "The surrounding text could not be loaded; the quote above is exact.";
    });
  }

  function showPassage(c, p) {
    var text = p.context;
    var qs = c.start - p.context_start;
    var qe = c.end - p.context_start;
    var ps = Math.max(0, p.start - p.context_start);
    var pe = Math.min(text.length, p.end - p.context_start);
    var context = el("div", { class: "nwl-context" });
    if (p.context_start > 0) context.appendChild(document.createTextNode("… "));
    if (qs < 0 || qe > text.length || text.slice(qs, qe) !== c.quote) {
      context.appendChild(el("mark", { text: c.quote }));
    } else {
      // Three layers: surrounding text, the retrieved passage, and the quoted span highlighted within it.
      var cuts = [0, Math.min(ps, qs), qs, qe, Math.max(pe, qe), text.length];
      context.appendChild(document.createTextNode(text.slice(cuts[0], cuts[1])));
      context.appendChild(el("span", { class: "nwl-passage" }, [text.slice(cuts[1], cuts[2]), el("mark", { text: text.slice(qs, qe) }),
        text.slice(cuts[3], cuts[4])]));
      context.appendChild(document.createTextNode(text.slice(cuts[4], cuts[5])));
    }
    if (p.context_end < p.document.chars) context.appendChild(document.createTextNode(" …"));
    if (!c.section && p.heading_path.length > 1) showWhere(Object.assign({}, c, { section: p.heading_path.slice(1).join(" › ") }));
    panelMeta.textContent = [p.document.date, p.document.publisher, p.document.status ? "status: " + p.document.status : ""]
      .filter(Boolean).join(" · ");
    panelBody.replaceChildren(context);
    var mark = context.querySelector("mark");
    // Scroll the panel only (scrollIntoView would also scroll the host page).
    if (mark) panelBody.scrollTop = Math.max(0, mark.offsetTop - panelBody.clientHeight / 3);
  }

  /* Where the quote sits: its section path, and for a PDF its page with a link that opens the PDF there. */
  function showWhere(c) {
    panelWhere.replaceChildren();
    if (c.section) panelWhere.appendChild(el("span", { class: "nwl-section", text: c.section }));
    if (pageOf(c)) panelWhere.appendChild(el("span", { class: "nwl-page", text: pageOf(c) }));
    var link = pdfLink(c);
    if (link) panelWhere.appendChild(link);
    panelWhere.hidden = !panelWhere.firstChild;
  }

  function closePanel() {
    panel.hidden = true;
    if (openCite) { openCite.setAttribute("aria-expanded", "false"); openCite.focus(); openCite = null; }
  }

  /* Tab and Shift+Tab cycle inside the open panel (it is modal); Escape or Close leaves it. */
  function trapFocus(e) {
    if (e.key !== "Tab") return;
    var stops = Array.prototype.filter.call(panel.querySelectorAll("button, a[href], [tabindex='0']"), function (node) {
      return !node.disabled && node.getClientRects().length > 0;
    });
    if (!stops.length) return;
    var first = stops[0];
    var last = stops[stops.length - 1];
    var at = document.activeElement;
    if (e.shiftKey && (at === first || at === panelTitle)) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && at === last) { e.preventDefault(); first.focus(); }
  }

  /* ---------- copy and feedback ---------- */
  function actions(turn) {
    var copyLabel = el("span", { text: "Copy answer with sources" });
    var copy = el("button", { type: "button", class: "nwl-btn nwl-btn-icon" }, [icon("copy"), copyLabel]);
    copy.addEventListener("click", function () {
      copyText(turn.plainText()).then(function () { copyLabel.textContent = "Copied"; announce("Answer and sources copied."); },
        function () { copyLabel.textContent = "Copy failed"; announce("The answer could not be copied.", true); });
      setTimeout(function () { copyLabel.textContent = "Copy answer with sources"; }, 2500);
    });
    var up = el("button", { type: "button", class: "nwl-btn nwl-btn-icon", "aria-pressed": "false" }, [icon("up", "Helpful")]);
    var down = el("button", { type: "button", class: "nwl-btn nwl-btn-icon", "aria-pressed": "false" }, [icon("down", "Not helpful")]);
    var reason = el("input", { type: "text", maxlength: 1000, "aria-label": "Reason (optional)", placeholder: "Reason (optional)" });
    var note = el("span", { class: "nwl-meta", role: "status" });
    var reasonForm = el("form", { class: "nwl-reason", hidden: true }, [reason,
      el("button", { type: "submit", class: "nwl-btn", text: "Send reason" })]);
    var rating = null;
    function vote(value) {
      rating = value;
      up.setAttribute("aria-pressed", String(value === "up"));
      down.setAttribute("aria-pressed", String(value === "down"));
      reasonForm.hidden = false;
      send("");
    }
    function send(text) {
      note.textContent = "Sending…";
      fetch(apiBase + "/v1/feedback", { method: "POST", headers: headers(true), body: JSON.stringify({
        answer_id: turn.answerId, rating: rating, reason: text, question: turn.question, answer: turn.answer }) })
        .then(function (r) {
          var saved = text ? "Thanks, your reason was saved." : "Thanks, feedback saved.";
          note.textContent = r.ok ? saved : "Feedback was not saved (" + r.status + ").";
        })
        .catch(function () { note.textContent = "Feedback was not saved: " + unreachable(); });
    }
    up.addEventListener("click", function () { vote("up"); });
    down.addEventListener("click", function () { vote("down"); reason.focus(); });
    reasonForm.addEventListener("submit", function (e) { e.preventDefault(); if (rating) send(reason.value.trim()); });
    return el("div", { class: "nwl-actions" }, [copy, up, down, note, reasonForm]);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = el("textarea", { class: "nwl-sr", "aria-hidden": "true" });
      area.value = text;
      root.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      area.remove();
      if (ok) resolve(); else reject(new Error("copy refused"));
    });
  }

  checkServer();
  loadBoroughs();
})();
