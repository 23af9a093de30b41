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
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) return;
  var MAX_TURNS = 20; // the API's history limit
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
  var status = el("div", { class: "nwl-status", role: "status", "aria-live": "polite" });
  var announcer = el("div", { class: "nwl-sr", role: "status", "aria-live": "polite" });
  var log = el("ol", { class: "nwl-log", role: "log", "aria-live": "polite", "aria-label": "Conversation" });
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
  var panelBody = el("div", { class: "nwl-source-body" });
  var panel = el("aside", { class: "nwl-source", role: "dialog", "aria-labelledby": uid + "-src-title", hidden: true }, [
    el("div", { class: "nwl-source-head" }, [el("div", {}, [panelTitle, panelMeta]),
      el("button", { type: "button", class: "nwl-btn", text: "Close", "aria-label": "Close source", onclick: closePanel })]),
    panelBody
  ]);
  var root = el("section", { class: "nwl", "aria-label": "NW London documents assistant" }, [
    el("div", { class: "nwl-head" }, [
      el("h2", { class: "nwl-title", text: "NW London documents assistant" }),
      el("div", { class: "nwl-borough" }, [el("label", { for: uid + "-borough", text: "Borough" }), select])
    ]),
    status, announcer, log, examples, form,
    el("p", { class: "nwl-hint", id: uid + "-hint", text: "Do not enter patient details. Enter to ask, Shift+Enter for a new line. Answers quote the documents; select [n] to see a source." }),
    panel
  ]);
  root.addEventListener("keydown", function (e) { if (e.key === "Escape" && !panel.hidden) closePanel(); });
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

  function setStatus(message, isError) {
    status.replaceChildren();
    status.classList.toggle("nwl-is-error", !!isError);
    if (message) status.appendChild(document.createTextNode(message));
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
    if (!isRetry) log.appendChild(el("li", { class: "nwl-msg nwl-msg-user", text: question }));
    var turn = new Turn(question);
    log.appendChild(turn.node);
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
        else if (response.status === 503) setStatus(errorMessage(response, body), true);
      } else {
        await readEvents(response, turn.onEvent.bind(turn));
        if (!turn.finished) turn.fail("The answer was cut off before it finished; please ask again.");
        else if (turn.ok) {
          history.push({ role: "user", content: question }, { role: "assistant", content: turn.answer });
          setStatus("");
        }
      }
    } catch (err) {
      turn.fail(unreachable());
      setStatus(unreachable(), true);
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
    this.body = el("div", { class: "nwl-answer" }, [el("p", { class: "nwl-working", text: "Searching the documents…" })]);
    this.extra = el("div");
    this.node = el("li", { class: "nwl-msg nwl-msg-bot", "aria-busy": "true" }, [this.understood, this.body, this.extra]);
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
    this.body.appendChild(el("p", { class: "nwl-error", role: "alert", text: message }));
  };

  Turn.prototype.complete = function (done) {
    var self = this;
    this.answerId = done.answer_id;
    if (done.abstained) {
      this.node.classList.add("nwl-abstained");
      this.extra.appendChild(el("p", { class: "nwl-abstain", text:
        "The documents do not answer this, so nothing is cited. Try rephrasing, or choose another borough." }));
    }
    if (done.status) this.extra.appendChild(el("p", { class: "nwl-meta", text: "Status in the documents: " + done.status }));
    if (this.citations.length) {
      var list = el("ol");
      this.citations.forEach(function (c) {
        list.appendChild(el("li", {}, [citeButton(c.n, self), " " + c.title + " (" + c.date + ")"]));
      });
      this.extra.appendChild(el("div", { class: "nwl-sources" }, [el("h4", { text: "Sources" }), list]));
    }
    this.extra.appendChild(actions(this));
    announcer.textContent = done.abstained ? "The documents do not answer this question." : "Answer ready.";
  };

  Turn.prototype.plainText = function () {
    var lines = this.citations.map(function (c) { return "[" + c.n + "] " + c.title + " (" + c.date + "): “" + c.quote + "”"; });
    return this.answer + (lines.length ? "\n\nSources:\n" + lines.join("\n") : "");
  };

  /* ---------- safe rendering ---------- */
  var INLINE = /(\*\*[^*\n]+\*\*|`[^`\n]+`|\[\d{1,3}\])/;

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
        if (para) para.appendChild(el("br"));
        else { para = el("p"); container.appendChild(para); }
        inline(para, line, turn);
      }
    });
  }

  function citeButton(n, turn) {
    var c = turn.citations[n - 1];
    return el("button", { type: "button", class: "nwl-cite", "data-n": n, "aria-expanded": "false",
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
    var path = p.heading_path.length ? el("p", { class: "nwl-path", text: p.heading_path.join(" › ") }) : null;
    panelMeta.textContent = [p.document.date, p.document.publisher, p.document.status ? "status: " + p.document.status : ""]
      .filter(Boolean).join(" · ");
    panelBody.replaceChildren();
    if (path) panelBody.appendChild(path);
    panelBody.appendChild(context);
    var mark = context.querySelector("mark");
    // Scroll the panel only (scrollIntoView would also scroll the host page).
    if (mark) panelBody.scrollTop = Math.max(0, mark.offsetTop - panelBody.clientHeight / 3);
  }

  function closePanel() {
    panel.hidden = true;
    if (openCite) { openCite.setAttribute("aria-expanded", "false"); openCite.focus(); openCite = null; }
  }

  /* ---------- copy and feedback ---------- */
  function actions(turn) {
    var copy = el("button", { type: "button", class: "nwl-btn", text: "Copy answer with sources" });
    copy.addEventListener("click", function () {
      copyText(turn.plainText()).then(function () { copy.textContent = "Copied"; },
        function () { copy.textContent = "Copy failed"; });
      setTimeout(function () { copy.textContent = "Copy answer with sources"; }, 2500);
    });
    var up = el("button", { type: "button", class: "nwl-btn", "aria-pressed": "false", "aria-label": "Helpful", text: "👍" });
    var down = el("button", { type: "button", class: "nwl-btn", "aria-pressed": "false", "aria-label": "Not helpful", text: "👎" });
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
