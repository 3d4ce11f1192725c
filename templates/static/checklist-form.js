// guidewright offline checklist form: keeps answers in this browser, checks them, and exports
// a return (JSON or CSV) that `guidewright collect` reads. No network is used.
(function () {
  "use strict";
  var form = document.getElementById("checklist-form");
  if (!form) return;
  var checklist = form.dataset.checklist, version = form.dataset.version;
  var key = "guidewright:" + checklist + ":" + version;
  var status = document.getElementById("status");
  var originalTitle = document.title;
  // The page's interface strings, in its language (see templates/locales/).
  var messages = JSON.parse((document.getElementById("gw-messages") || {}).textContent || "{}");
  function say(name, args) {
    var s = messages[name] || name;
    Object.keys(args || {}).forEach(function (k) { s = s.split("{" + k + "}").join(args[k]); });
    return s;
  }

  function fields() { return Array.prototype.slice.call(form.elements).filter(function (e) { return e.name; }); }

  // Dates are typed as day, month and year (GOV.UK's date input) and kept as YYYY-MM-DD in the
  // hidden field the return reads; the boxes themselves are saved beside the answers, so a
  // date half typed survives a reload.
  function dateGroups() { return Array.prototype.slice.call(form.querySelectorAll("[data-date]")); }
  function parts(g) {
    var p = {};
    Array.prototype.forEach.call(g.querySelectorAll("[data-part]"), function (e) { p[e.dataset.part] = e; });
    return p;
  }
  function hiddenOf(g) { return form.elements.namedItem(g.dataset.date); }
  // The date the boxes hold: "" when all are empty, null when it is not a real date.
  function isoDate(g) {
    var p = parts(g), d = p.day.value.trim(), m = p.month.value.trim(), y = p.year.value.trim();
    if (!d && !m && !y) return "";
    if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
    var day = +d, month = +m, year = +y, t = new Date(Date.UTC(year, month - 1, day));
    if (t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) return null;
    return y + "-" + (month < 10 ? "0" : "") + month + "-" + (day < 10 ? "0" : "") + day;
  }
  function syncDate(g) { var v = isoDate(g); hiddenOf(g).value = v || ""; }
  function showDate(g) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(hiddenOf(g).value), p = parts(g);
    p.day.value = m ? String(+m[3]) : ""; p.month.value = m ? String(+m[2]) : ""; p.year.value = m ? m[1] : "";
  }
  function typedDates() {
    var t = {};
    dateGroups().forEach(function (g) {
      var p = parts(g);
      Object.keys(p).forEach(function (k) { if (p[k].value) t[p[k].id] = p[k].value; });
    });
    return t;
  }

  // Every named value, radios included only when chosen.
  function values() {
    var v = {};
    fields().forEach(function (e) {
      if (e.type === "radio") { if (e.checked) v[e.name] = e.value; }
      else if (e.type !== "file" && e.value !== "") v[e.name] = e.value;
    });
    return v;
  }

  function apply(v) {
    fields().forEach(function (e) {
      if (e.type === "radio") e.checked = v[e.name] === e.value;
      else if (e.type !== "file") e.value = v[e.name] || "";
    });
    fields().forEach(function (e) { if (e.dataset.wordLimit) count(e); });
    dateGroups().forEach(showDate);
  }

  function save() {
    try {
      localStorage.setItem(key, JSON.stringify(values()));
      localStorage.setItem(key + ":dates", JSON.stringify(typedDates()));
    } catch (err) { /* storage may be off */ }
  }

  function words(text) { var t = text.trim(); return t ? t.split(/\s+/).length : 0; }

  function count(area) {
    var limit = parseInt(area.dataset.wordLimit, 10), n = words(area.value);
    var out = document.getElementById(area.getAttribute("aria-describedby"));
    if (!out) return;
    var left = limit - n;
    out.textContent = left >= 0 ? say(left === 1 ? "words_left_one" : "words_left_many", { n: left })
                                : say(left === -1 ? "words_over_one" : "words_over_many", { n: -left });
    out.classList.toggle("gw-count--over", left < 0);
  }

  // The return: see docs/returns.md.
  function toReturn() {
    var v = values(), r = { format: "guidewright-return", checklist: checklist, version: version,
      metadata: {}, answers: {}, actions: [], sign_off: {} };
    Object.keys(v).forEach(function (name) {
      var m;
      if ((m = /^meta\.(.+)$/.exec(name))) r.metadata[m[1]] = v[name];
      else if ((m = /^q\.(.+)\.evidence$/.exec(name))) (r.answers[m[1]] = r.answers[m[1]] || {}).evidence = v[name];
      else if ((m = /^q\.(.+)$/.exec(name))) (r.answers[m[1]] = r.answers[m[1]] || {}).answer = v[name];
      else if ((m = /^action\.(\d+)\.(.+)$/.exec(name))) {
        var i = parseInt(m[1], 10) - 1;
        while (r.actions.length <= i) r.actions.push({});
        r.actions[i][m[2]] = v[name];
      } else if ((m = /^signoff\.(.+)$/.exec(name))) r.sign_off[m[1]] = v[name];
    });
    r.actions = r.actions.filter(function (a) { return Object.keys(a).length; });
    return r;
  }

  function fromReturn(r) {
    if (!r || r.format !== "guidewright-return") throw new Error(say("not_a_return"));
    if (r.checklist !== checklist) throw new Error(say("other_checklist", { checklist: r.checklist }));
    var v = {};
    Object.keys(r.metadata || {}).forEach(function (k) { v["meta." + k] = r.metadata[k]; });
    Object.keys(r.answers || {}).forEach(function (k) {
      var a = r.answers[k];
      if (a.answer) v["q." + k] = a.answer;
      if (a.evidence) v["q." + k + ".evidence"] = a.evidence;
    });
    (r.actions || []).forEach(function (a, i) { Object.keys(a).forEach(function (c) { v["action." + (i + 1) + "." + c] = a[c]; }); });
    Object.keys(r.sign_off || {}).forEach(function (k) { v["signoff." + k] = r.sign_off[k]; });
    return v;
  }

  // A value a spreadsheet could run as a formula (or one starting with an apostrophe) gets a
  // leading apostrophe (OWASP CSV-injection guidance); collect removes it when reading.
  function csvCell(s) {
    s = String(s);
    if (/^[=+\-@\t\r']/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function toCsv() {
    var v = values(), rows = [["field", "value"], ["checklist", checklist], ["version", version]];
    Object.keys(v).sort().forEach(function (k) { rows.push([k, v[k]]); });
    return rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  function fileName(ext) {
    var ref = (values()["meta.case-reference"] || "return").replace(/[^A-Za-z0-9_-]+/g, "-");
    return checklist + "-" + ref + "." + ext;
  }

  function download(text, type, name) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement("a");
    a.href = url; a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    status.textContent = say("saved", { name: name });
  }

  function clearErrors() {
    document.getElementById("error-summary").hidden = true;
    document.getElementById("error-list").innerHTML = "";
    document.title = originalTitle;
    Array.prototype.forEach.call(document.querySelectorAll(".gw-form-group--error"), function (g) {
      g.classList.remove("gw-form-group--error");
    });
    Array.prototype.forEach.call(document.querySelectorAll(".gw-error-message"), function (m) { m.hidden = true; });
  }

  // Required metadata must be filled; every question needs an answer ("Not applicable" counts).
  function check() {
    clearErrors();
    var v = values(), errors = [], seen = {};
    fields().forEach(function (e) {
      if (seen[e.name]) return;
      seen[e.name] = true;
      var missing = !v[e.name];
      var required = e.hasAttribute("data-required") || e.hasAttribute("data-question");
      var dates = e.hasAttribute("data-date-value") && form.querySelector('[data-date="' + e.name + '"]');
      var unreal = dates && isoDate(dates) === null;
      if (!unreal && (!required || !missing)) return;
      var group = document.getElementById("group-" + e.name) || e.closest(".gw-action__field");
      var label = (dates ? e.closest("fieldset") : group).querySelector("legend, label");
      var text = label ? label.textContent.trim() : e.name;
      var optional = say("optional").trim();
      if (optional && text.slice(-optional.length) === optional) text = text.slice(0, -optional.length).trim();
      var message = unreal ? say("real_date", { label: text }) : e.type === "radio" ? say("select", { label: text }) : say("enter", { label: text.toLowerCase() });
      errors.push({ id: e.dataset.focus || e.id, message: message });
      if (group) group.classList.add("gw-form-group--error");
      var m = document.getElementById("error-" + e.name);
      if (m) { m.textContent = say("error", { message: message }); m.hidden = false; }
    });
    if (!errors.length) { status.textContent = say("all_answered"); return true; }
    var list = document.getElementById("error-list");
    errors.forEach(function (err) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = "#" + err.id; a.textContent = err.message;
      a.addEventListener("click", function (ev) { ev.preventDefault(); var t = document.getElementById(err.id); t.focus(); t.scrollIntoView({ block: "center" }); });
      li.appendChild(a); list.appendChild(li);
    });
    var summary = document.getElementById("error-summary");
    summary.hidden = false;
    document.title = say("error", { message: originalTitle });
    summary.focus();
    return false;
  }

  form.addEventListener("input", function (e) {
    if (e.target.dataset.wordLimit) count(e.target);
    var g = e.target.closest("[data-date]");
    if (g) syncDate(g);
    save();
  });
  form.addEventListener("change", save);
  form.addEventListener("submit", function (e) { e.preventDefault(); check(); });
  document.getElementById("export-json").addEventListener("click", function () {
    download(JSON.stringify(toReturn(), null, 2) + "\n", "application/json", fileName("json"));
  });
  document.getElementById("export-csv").addEventListener("click", function () {
    download(toCsv(), "text/csv", fileName("csv"));
  });
  document.getElementById("import").addEventListener("change", function (e) {
    var file = e.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      try { apply(fromReturn(JSON.parse(reader.result))); save(); status.textContent = say("loaded", { name: file.name }); }
      catch (err) { status.textContent = say("load_failed", { name: file.name, error: err.message }); }
    };
    reader.readAsText(file);
  });
  document.getElementById("clear").addEventListener("click", function () {
    if (!window.confirm(say("clear_confirm"))) return;
    try { localStorage.removeItem(key); localStorage.removeItem(key + ":dates"); } catch (err) { /* ignore */ }
    apply({}); clearErrors(); status.textContent = say("cleared");
  });

  document.getElementById("print").addEventListener("click", function () { window.print(); });

  try {
    var saved = localStorage.getItem(key);
    if (saved) { apply(JSON.parse(saved)); status.textContent = say("restored"); }
    var typed = JSON.parse(localStorage.getItem(key + ":dates") || "{}");
    Object.keys(typed).forEach(function (id) { var e = document.getElementById(id); if (e) e.value = typed[id]; });
    dateGroups().forEach(syncDate);
  } catch (err) { /* nothing saved */ }
  fields().forEach(function (e) { if (e.dataset.wordLimit) count(e); });
  window.guidewrightForm = { toReturn: toReturn, toCsv: toCsv, check: check };
})();
