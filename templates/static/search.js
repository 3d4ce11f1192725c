// The search results page: reads ?q= from the address, searches the index that
// search-index.js set as window.guidewrightSearch (elasticlunr's format, built with the site)
// and lists each hit: the section's heading (or the page's title) linking to that section,
// the guide and page it is in, and a snippet around the words found.
// Works from a web server at any path and from a file on disk; nothing leaves the browser.
(function () {
  "use strict";
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!input || !status || !list) return;
  // The page's interface strings, in its language (see templates/locales/).
  var messages = JSON.parse((document.getElementById("gw-messages") || {}).textContent || "{}");
  function say(name, args) {
    var s = messages[name] || name;
    Object.keys(args || {}).forEach(function (k) { s = s.split("{" + k + "}").join(args[k]); });
    return s;
  }
  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  input.value = query;
  if (!window.elasticlunr || !window.guidewrightSearch) {
    status.textContent = say("search_failed");
    return;
  }
  if (!query) {
    status.textContent = say("search_empty");
    input.focus();
    return;
  }
  var index = window.elasticlunr.Index.load(window.guidewrightSearch);
  var config = { fields: { title: { boost: 3 }, section: { boost: 2 }, group: { boost: 1 }, body: { boost: 1 } }, expand: true };
  config.bool = "AND";
  var hits = index.search(query, config);
  if (!hits.length) {
    config.bool = "OR";
    hits = index.search(query, config);
  }
  var words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 1; });
  document.title = say("search_title", { query: query }) + " – " + document.title.replace(/^.* – /, "");
  if (!hits.length) {
    status.textContent = say("search_none", { query: query });
    return;
  }
  status.textContent = say(hits.length === 1 ? "search_one" : "search_many", { n: hits.length, query: query });
  hits.slice(0, 50).forEach(function (hit) {
    var doc = index.documentStore.getDoc(hit.ref);
    if (!doc) return;
    var li = document.createElement("li");
    li.className = "gw-search-result";
    var h = document.createElement("h2");
    h.className = "gw-heading-s gw-search-result__title";
    var a = document.createElement("a");
    a.href = doc.url;
    a.textContent = doc.section || doc.title;
    h.appendChild(a);
    // Where the words are: the guide (or part of the site), then the page for a section.
    var where = [doc.group];
    if (doc.section && doc.title !== doc.group) where.push(doc.title);
    var group = document.createElement("p");
    group.className = "gw-hint gw-search-result__group";
    group.textContent = where.join(" › ");
    var snippet = document.createElement("p");
    snippet.className = "gw-search-result__snippet";
    fillSnippet(snippet, doc.body || "", words);
    li.appendChild(h);
    li.appendChild(group);
    li.appendChild(snippet);
    list.appendChild(li);
  });

  // The start of a word that its other forms share ("assessment" → "assess"), since the index
  // matches stems: a search for "curious" finds "curiosity".
  function root(word) {
    return word.length > 4 ? word.slice(0, Math.max(4, word.length - 3)) : word;
  }

  // About 200 characters of the text where most of the searched words are found together
  // (or its start), with every searched word marked. Text nodes only: the page's text is never
  // parsed as HTML.
  function fillSnippet(el, text, terms) {
    var lower = text.toLowerCase();
    var roots = terms.map(root);
    var best = -1, bestCount = 0;
    roots.forEach(function (r) {
      for (var i = lower.indexOf(r); i >= 0; i = lower.indexOf(r, i + 1)) {
        var near = lower.slice(Math.max(0, i - 80), i + 120);
        var count = roots.filter(function (x) { return near.indexOf(x) >= 0; }).length;
        if (count > bestCount || (count === bestCount && i < best)) { best = i; bestCount = count; }
      }
    });
    var at = best;
    var start = at < 0 ? 0 : Math.max(0, at - 80);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < at ? space + 1 : start;
    }
    var end = Math.min(text.length, start + 200);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      if (cut > start) end = cut;
    }
    var part = text.slice(start, end);
    var pattern = roots.map(function (t) {
      return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|");
    if (start > 0) el.appendChild(document.createTextNode("… "));
    var last = 0;
    if (pattern) {
      var re = new RegExp("(" + pattern + ")[\\p{L}\\p{N}]*", "giu");
      var m;
      while ((m = re.exec(part)) !== null) {
        el.appendChild(document.createTextNode(part.slice(last, m.index)));
        var mark = document.createElement("mark");
        mark.textContent = m[0];
        el.appendChild(mark);
        last = m.index + m[0].length;
      }
    }
    el.appendChild(document.createTextNode(part.slice(last)));
    if (end < text.length) el.appendChild(document.createTextNode(" …"));
  }
})();
