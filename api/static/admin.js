// The admin page: lists the catalog, uploads/replaces/removes documents and follows each job.
// Every value from the server is written with textContent, never as HTML.
"use strict";

(function () {
  const KEY_STORE = "nwl-admin-key";
  const POLL_MS = 500;
  const $ = (id) => document.getElementById(id);
  let replaceTarget = null;

  function key() {
    return sessionStorage.getItem(KEY_STORE) || "";
  }

  async function call(method, path, body) {
    const response = await fetch(path, {
      method: method,
      headers: { Authorization: "Bearer " + key() },
      body: body,
    });
    let data = null;
    try {
      data = await response.json();
    } catch (err) {
      data = null;
    }
    if (!response.ok) {
      const message = data && data.error ? data.error.message : "HTTP " + response.status;
      throw new Error(message);
    }
    return data;
  }

  function cell(row, text) {
    const td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function button(label, accessibleName, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.setAttribute("aria-label", accessibleName);
    b.addEventListener("click", onClick);
    return b;
  }

  async function refresh() {
    const caption = $("documents-caption");
    const body = document.querySelector("#documents tbody");
    let docs;
    try {
      docs = await call("GET", "/v1/admin/documents");
    } catch (err) {
      caption.textContent = "Could not list the documents: " + err.message;
      return false;
    }
    body.replaceChildren();
    for (const doc of docs) {
      const row = document.createElement("tr");
      const title = document.createElement("th");
      title.scope = "row";
      title.textContent = doc.title;
      row.appendChild(title);
      cell(row, doc.publisher || "(not stated)");
      cell(row, doc.date);
      cell(row, doc.status || "(not stated)");
      cell(row, doc.boroughs.map((b) => (b === "nw_london" ? "NW London" : b)).join(", "));
      cell(row, String(doc.chunks));
      cell(row, doc.last_ingested ? doc.last_ingested.replace("T", " ").replace("+00:00", " UTC") : "(not recorded)");
      cell(row, doc.source);
      const actions = cell(row, "");
      actions.appendChild(button("Replace", "Replace " + doc.title, () => {
        replaceTarget = doc;
        $("replace-file").click();
      }));
      actions.appendChild(button("Remove", "Remove " + doc.title, () => remove(doc)));
      body.appendChild(row);
    }
    caption.textContent = docs.length + " documents, newest version of each.";
    return true;
  }

  function showJobStart(text) {
    $("job-status").textContent = text;
    $("job-progress").value = 0;
    $("faq-result").replaceChildren(paragraph("Shown when this change has finished."));
  }

  function paragraph(text) {
    const p = document.createElement("p");
    p.textContent = text;
    return p;
  }

  async function follow(jobId, what) {
    for (;;) {
      let job;
      try {
        job = await call("GET", "/v1/admin/jobs/" + encodeURIComponent(jobId));
      } catch (err) {
        $("job-status").textContent = "Error: could not follow the job: " + err.message;
        return;
      }
      $("job-progress").value = job.progress;
      const percent = Math.round(job.progress * 100) + "%";
      if (job.state === "queued" || job.state === "running") {
        $("job-status").textContent = what + ": " + job.state + ", " + percent + ". " + job.message;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        continue;
      }
      if (job.state === "done") {
        $("job-status").textContent = what + ": done. " + job.message;
        const review = job.faq_review || [];
        if (review.length === 0) {
          $("faq-result").replaceChildren(paragraph("No approved FAQ answer needs review."));
        } else {
          const list = document.createElement("ul");
          for (const item of review) {
            const li = document.createElement("li");
            li.textContent = item;
            list.appendChild(li);
          }
          $("faq-result").replaceChildren(
            paragraph(review.length + " approved FAQ answers cite a changed or removed passage and need review:"),
            list,
          );
        }
      } else {
        $("job-status").textContent = what + ": failed. " + job.message;
        $("faq-result").replaceChildren(paragraph("Nothing was changed."));
      }
      await refresh();
      return;
    }
  }

  async function send(file, fields, what) {
    const form = new FormData();
    form.append("file", file, fields.fileName || file.name);
    for (const name of ["title", "publisher", "date", "status", "boroughs"]) {
      if (fields[name]) {
        form.append(name, fields[name]);
      }
    }
    showJobStart(what + ": sending the file.");
    try {
      const accepted = await call("POST", "/v1/admin/documents", form);
      await follow(accepted.job_id, what);
    } catch (err) {
      $("job-status").textContent = what + ": refused. " + err.message;
      $("faq-result").replaceChildren(paragraph("Nothing was changed."));
    }
  }

  async function remove(doc) {
    if (!window.confirm("Remove " + doc.title + " from the catalog?")) {
      return;
    }
    const what = "Removing " + doc.title;
    showJobStart(what + ": queued.");
    try {
      const accepted = await call("DELETE", "/v1/admin/documents/" + encodeURIComponent(doc.id));
      await follow(accepted.job_id, what);
    } catch (err) {
      $("job-status").textContent = what + ": refused. " + err.message;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("key-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      sessionStorage.setItem(KEY_STORE, $("admin-key").value.trim());
      const ok = await refresh();
      $("key-status").textContent = ok ? "Key accepted." : "Key refused or server unavailable.";
    });
    $("upload-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const file = $("file").files[0];
      if (!file) {
        return;
      }
      const fields = {};
      for (const name of ["title", "publisher", "date", "status", "boroughs"]) {
        fields[name] = $(name).value.trim();
      }
      send(file, fields, "Uploading " + file.name);
    });
    $("replace-file").addEventListener("change", () => {
      const file = $("replace-file").files[0];
      const target = replaceTarget;
      $("replace-file").value = "";
      if (file && target) {
        send(file, { fileName: target.file }, "Replacing " + target.title);
      }
    });
    if (key()) {
      $("admin-key").value = key();
      refresh();
    }
  });
})();
