// The search results page: reads ?q= (and &page=) from the address, looks each word up in the
// chunked index that guidewright builds with the site (assets/search/: see src/search/mod.rs)
// and lists the results ten to a page: the section's heading (or the page's title) linking to
// that section, the guide and page it is in, and the start of the section with the words
// marked (GOV.UK's search shows a page's summary the same way).
// The manifest (assets/search/index.js) names the chunk each word falls in; chunks and the
// pages' files are loaded as <script> elements, which works from a web server at any path and
// from a file on disk (where fetch is refused); only what the query needs is downloaded.
// Nothing leaves the browser, and the index's text is only ever set as text, never as HTML.
(function () {
  "use strict";
  var PER_PAGE = 10;
  var MAX_WORDS = 10;
  var MAX_EXPANSIONS = 20;
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var pager = document.getElementById("search-pages");
  if (!input || !status || !list) return;
  // The page's interface strings, in its language (see templates/locales/).
  var messages = JSON.parse((document.getElementById("gw-messages") || {}).textContent || "{}");
  function say(name, args) {
    var s = messages[name] || name;
    Object.keys(args || {}).forEach(function (k) { s = s.split("{" + k + "}").join(args[k]); });
    return s;
  }
  var params = new URLSearchParams(window.location.search);
  var query = (params.get("q") || "").trim();
  var pageNo = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  input.value = query;
  var manifest = window.guidewrightSearchIndex;
  var dir = list.getAttribute("data-index") || "assets/search/";
  if (!manifest || !window.Promise) {
    status.textContent = say("search_failed");
    return;
  }
  if (!query) {
    status.textContent = say("search_empty");
    input.focus();
    return;
  }

  // Words as the index has them: lower case, accents and other marks dropped, split at
  // anything that is not a letter or digit (the same as src/search/tokens.rs).
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  }
  function words(text) {
    return fold(text).split(/[^\p{Alphabetic}\p{N}]+/u).filter(function (w) {
      return w.length > 0 && Array.from(w).length <= 40;
    });
  }

  // Scripts of the index, each loaded once; a script hands its data to the function below.
  var loads = {};
  function load(file) {
    if (loads[file]) return loads[file].promise;
    var d = {};
    d.promise = new Promise(function (ok, fail) { d.ok = ok; d.fail = fail; });
    loads[file] = d;
    var s = document.createElement("script");
    s.src = dir + file + ".js";
    s.onerror = function () { d.fail(new Error("could not load " + s.src)); };
    // Runs after the script: if it did not call back, it is not the file expected.
    s.onload = function () { d.fail(new Error("unexpected contents: " + s.src)); };
    document.head.appendChild(s);
    return d.promise;
  }
  window.guidewrightSearchChunk = function (name, keys) {
    if (loads["t/" + name]) loads["t/" + name].ok(keys);
  };
  window.guidewrightSearchPages = function (n, pages) {
    if (loads["p/" + n]) loads["p/" + n].ok(pages);
  };

  // The chunk a key falls in: the last whose first key is not after it.
  var chunks = manifest.chunks;
  function chunkIndex(key) {
    var lo = 0, hi = chunks.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (chunks[mid][0] <= key) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  function chunk(i) { return load("t/" + chunks[i][1]); }
  // The first position in a chunk's keys that is not before `key`.
  function position(keys, key) {
    var lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid][0] < key) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
  function entry(key) {
    if (!chunks.length) return Promise.resolve(null);
    return chunk(chunkIndex(key)).then(function (keys) {
      var i = position(keys, key);
      return i < keys.length && keys[i][0] === key ? keys[i] : null;
    });
  }
  // The keys that start with `prefix` (longer than it), from its chunk and the next one.
  function expansions(prefix) {
    if (!chunks.length) return Promise.resolve([]);
    var first = chunkIndex(prefix);
    var out = [];
    function scan(i) {
      return chunk(i).then(function (keys) {
        for (var k = position(keys, prefix); k < keys.length; k++) {
          if (keys[k][0].indexOf(prefix) !== 0) return out;
          if (keys[k][0] !== prefix) out.push(keys[k]);
          if (out.length >= MAX_EXPANSIONS) return out;
        }
        var next = i + 1;
        if (next < chunks.length && next <= first + 1 && chunks[next][0].indexOf(prefix) === 0) return scan(next);
        return out;
      });
    }
    return scan(first);
  }
  // The terms a key stands for: itself if it has postings, and the terms it leads to.
  function terms(e) {
    var own = e[1] > 0 ? [Promise.resolve(e)] : [];
    var led = (e[3] || []).map(entry);
    return Promise.all(own.concat(led)).then(function (list) {
      return list.filter(function (t) { return t; });
    });
  }
  // What one word of the query finds: entry ("page:section") → score, and whether every term
  // it found lists all its entries (a common word's list is cut short: it then ranks results
  // but does not exclude any).
  function lookUp(word) {
    return Promise.all([entry(word), word.length > 2 ? expansions(word) : Promise.resolve([])]).then(function (r) {
      var exact = r[0] ? [terms(r[0])] : [];
      var wider = r[1].map(terms);
      return Promise.all([Promise.all(exact), Promise.all(wider)]);
    }).then(function (r) {
      var found = { scores: {}, complete: true, any: false };
      function add(ts, weight) {
        ts.forEach(function (t) {
          var postings = t[2];
          found.any = true;
          if (postings.length / 3 < t[1]) found.complete = false;
          var page = 0;
          for (var i = 0; i < postings.length; i += 3) {
            page += postings[i];
            var id = page + ":" + postings[i + 1];
            var score = postings[i + 2] * weight;
            if (!(found.scores[id] >= score)) found.scores[id] = score;
          }
        });
      }
      r[0].forEach(function (ts) { add(ts, 1); });
      r[1].forEach(function (ts) { add(ts, 0.5); });
      return found;
    });
  }
  // Entries with every word, best first, or else with any. Only words whose lists are
  // complete can tell that an entry lacks them (a word found nowhere is complete and empty).
  function rank(found) {
    var total = {}, count = {};
    var required = found.filter(function (f) { return f.complete; }).length;
    found.forEach(function (f) {
      Object.keys(f.scores).forEach(function (id) {
        total[id] = (total[id] || 0) + f.scores[id];
        if (f.complete) count[id] = (count[id] || 0) + 1;
      });
    });
    var ids = Object.keys(total);
    var all = ids.filter(function (id) { return (count[id] || 0) === required; });
    return (all.length ? all : ids).map(function (id) {
      var p = id.split(":");
      return { page: +p[0], section: +p[1], score: total[id] };
    }).sort(function (a, b) {
      return b.score - a.score || a.page - b.page || a.section - b.section;
    });
  }

  var qwords = words(query).slice(0, MAX_WORDS);
  qwords = qwords.filter(function (w, i) { return qwords.indexOf(w) === i; });
  document.title = say("search_title", { query: query }) + " – " + document.title.replace(/^.* – /, "");
  Promise.all(qwords.map(lookUp)).then(function (found) {
    var hits = found.length ? rank(found) : [];
    if (!hits.length) {
      status.textContent = say("search_none", { query: query });
      return null;
    }
    var pages = Math.ceil(hits.length / PER_PAGE);
    if (pageNo > pages) pageNo = pages;
    var shown = hits.slice((pageNo - 1) * PER_PAGE, pageNo * PER_PAGE);
    // Each file holds what the results of a few neighbouring pages show.
    var per = manifest.pagesPerFile;
    return Promise.all(shown.map(function (h) { return load("p/" + Math.floor(h.page / per)); })).then(function (files) {
      shown.forEach(function (hit, i) { list.appendChild(result(hit, files[i][hit.page % per])); });
      var msg = say(hits.length === 1 ? "search_one" : "search_many", { n: hits.length, query: query });
      if (pages > 1) {
        msg += " " + say("search_showing", { from: (pageNo - 1) * PER_PAGE + 1, to: (pageNo - 1) * PER_PAGE + shown.length });
        paginate(pages);
      }
      status.textContent = msg;
    });
  }).catch(function () {
    list.textContent = "";
    status.textContent = say("search_failed");
  });

  // One result: a heading linking to the section (or page), where it is, and an excerpt.
  function result(hit, doc) {
    var section = doc.s[hit.section] || doc.s[0];
    var li = document.createElement("li");
    li.className = "gw-search-result";
    var h = document.createElement("h2");
    h.className = "gw-heading-s gw-search-result__title";
    var a = document.createElement("a");
    a.href = doc.u + (section[0] ? "#" + encodeURIComponent(section[0]) : "");
    a.textContent = section[1] || doc.t;
    h.appendChild(a);
    // Where the words are: the guide (or part of the site), then the page for a section.
    var where = [doc.g];
    if (section[1] && doc.t !== doc.g) where.push(doc.t);
    var group = document.createElement("p");
    group.className = "gw-hint gw-search-result__group";
    group.textContent = where.filter(function (w) { return w; }).join(" › ");
    var snippet = document.createElement("p");
    snippet.className = "gw-search-result__snippet";
    var text = section[2] || (hit.section === 0 && doc.s[1] ? doc.s[1][2] : "");
    fillSnippet(snippet, text, qwords);
    li.appendChild(h);
    li.appendChild(group);
    li.appendChild(snippet);
    return li;
  }

  // Links to the previous and next pages of results (GOV.UK's pagination).
  function paginate(pages) {
    if (!pager) return;
    function link(n, rel, label) {
      var div = document.createElement("div");
      div.className = "gw-pagination__" + rel;
      var a = document.createElement("a");
      a.className = "gw-pagination__link";
      a.rel = rel;
      var p = new URLSearchParams(window.location.search);
      p.set("page", String(n));
      a.href = "?" + p.toString();
      var title = document.createElement("span");
      title.className = "gw-pagination__link-title";
      title.textContent = label;
      a.appendChild(title);
      div.appendChild(a);
      pager.appendChild(div);
    }
    if (pageNo > 1) link(pageNo - 1, "prev", say("search_previous"));
    if (pageNo < pages) link(pageNo + 1, "next", say("search_next"));
    pager.hidden = false;
  }

  // The start of a word that its other forms share ("assessment" → "assess"), for marking.
  function root(word) {
    return word.length > 4 ? word.slice(0, Math.max(4, word.length - 3)) : word;
  }

  // The excerpt (the start of the section, cut by the index) with every word marked whose
  // folded form starts with a searched word's root. Text nodes only: the page's text is never
  // parsed as HTML.
  function fillSnippet(el, text, terms) {
    var roots = terms.map(root);
    var re = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
    var last = 0, m;
    while ((m = re.exec(text)) !== null) {
      var f = fold(m[0]);
      if (!roots.some(function (r) { return f.indexOf(r) === 0; })) continue;
      el.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      el.appendChild(mark);
      last = m.index + m[0].length;
    }
    el.appendChild(document.createTextNode(text.slice(last)));
  }
})();
