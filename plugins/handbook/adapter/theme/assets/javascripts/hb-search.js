/* The handbook's search (index: plugins/handbook/outputs/search.py, whose docstring describes the files).
 * Nothing is fetched until the reader opens search; then the small manifest, and for each query only
 * the shards of its keys and the display chunks of the results shown. A query runs on every `input`
 * event outside an input method's composition and on `compositionend`, so text an input method
 * commits starts a search without any key event. The same keys and hash as the build: NFKC and
 * lower case; `=name`; Han bigrams (`1` + the character for a one-character query); Latin words
 * and their `^` prefixes; FNV-1a over UTF-8 modulo the number of shards. */
(function () {
  "use strict";
  var form = document.forms.namedItem("hb-search");
  if (!form) return;
  var input = form.elements.namedItem("query");
  var toggle = document.getElementById("__search");
  var box = form.closest(".md-search");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var config = JSON.parse(document.getElementById("__config").textContent);
  var t = config.translations || {};
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ffff}";
  var HAN_RUN = new RegExp("[" + HAN + "]+", "gu");
  var HAN_ONE = new RegExp("[" + HAN + "]", "u");
  var NAME_STRIP = new RegExp("[^" + HAN + "a-z0-9]+", "gu");
  var LIMIT = 10;
  var QUESTION = [
    /^(请问|請問|想问|想問)/,
    /^(什么是|什麼是|什么叫|什麼叫|何谓|何謂|啥是|啥叫|如何|怎么|怎麼|怎样|怎樣|为什么|為什麼|为何|為何)/,
    /(是什么意思|是什麼意思|什么意思|什麼意思|的意思|是什么|是什麼|是啥|指什么|指什麼|的定义|的定義|的含义|的含義|怎么做|怎麼做|如何做|怎么办|怎麼辦|有哪些|是哪些|有什么用|有什麼用|吗|嗎|呢|啊)$/
  ];
  var manifest = null, shards = new Map(), chunks = new Map(), latest = 0;

  function normalise(text) { return text.normalize("NFKC").toLowerCase(); }

  /* A question as people type it (什么是私域？) reduced to what it asks about (私域). */
  function subject(query) {
    var q = normalise(query).replace(/[\s?？!！。.，,、~～]+/gu, " ").trim();
    for (var round = 0; round < 3; round++) {
      var before = q;
      QUESTION.forEach(function (re) { var rest = q.replace(re, "").trim(); if (rest) q = rest; });
      if (q === before) break;
    }
    return q;
  }

  /* The keys of a query: the exact name, and groups of keys of which one must match. */
  function keys(q) {
    var groups = [];
    (q.match(HAN_RUN) || []).forEach(function (run) {
      var chars = Array.from(run);
      if (chars.length === 1) groups.push(["1" + chars[0]]);
      for (var i = 0; i + 1 < chars.length; i++) groups.push([chars[i] + chars[i + 1]]);
    });
    (q.match(/[a-z0-9]+/g) || []).forEach(function (word) {
      groups.push(word.length > 1 ? [word, "^" + word] : [word]);
    });
    var seen = {};
    groups = groups.filter(function (g) { return seen[g[0]] ? false : (seen[g[0]] = true); }).slice(0, 12);
    var bare = q.replace(NAME_STRIP, "");
    var name = "=" + bare;
    var prefix = HAN_ONE.test(bare) && Array.from(bare).length > 1 ? "~" + bare : null;
    return { exact: name.length > 1 ? name : null, prefix: prefix, groups: groups };
  }

  function shardOf(key, count) {
    var bytes = new TextEncoder().encode(key), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    return h % count;
  }

  function json(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  function load() {
    if (!manifest) {
      var url = new URL("search/manifest.json", base);
      manifest = json(url).then(function (m) { m.url = url; return m; });
      manifest.catch(function () { manifest = null; });
    }
    return manifest;
  }

  function cached(cache, path, m) {
    if (!cache.has(path)) {
      var p = json(new URL(path + "?v=" + (cache === shards ? m.shardVersion : m.version), m.url));
      cache.set(path, p);
      p.catch(function () { cache.delete(path); });
    }
    return cache.get(path);
  }

  /* [{url, title, snippet}] of the best documents for a query, best first. */
  function search(query) {
    var q = subject(query), k = keys(q);
    if (!k.exact && !k.groups.length) return Promise.resolve([]);
    return load().then(function (m) {
      var all = [].concat.apply((k.exact ? [k.exact] : []).concat(k.prefix ? [k.prefix] : []), k.groups);
      var wanted = Array.from(new Set(all.map(function (key) { return shardOf(key, m.shards); })));
      return Promise.all(wanted.map(function (n) { return cached(shards, m.shardPath + n + ".json", m); }))
        .then(function (loaded) {
          var byShard = new Map();
          wanted.forEach(function (n, i) { byShard.set(n, loaded[i]); });
          var post = function (key) { return byShard.get(shardOf(key, m.shards))[key] || []; };
          var scores = new Map();
          var entry = function (doc) {
            var s = scores.get(doc);
            if (!s) scores.set(doc, s = { doc: doc, sum: 0, hits: 0, exact: 0, prefix: 0 });
            return s;
          };
          k.groups.forEach(function (group) {
            var best = new Map();
            group.forEach(function (key) {
              var p = post(key);
              for (var i = 0; i < p.length; i += 2) best.set(p[i], Math.max(best.get(p[i]) || 0, p[i + 1]));
            });
            best.forEach(function (w, doc) { var s = entry(doc); s.sum += w; s.hits += 1; });
          });
          if (k.exact) {
            var p = post(k.exact);
            for (var i = 0; i < p.length; i += 2) entry(p[i]).exact = p[i + 1];
          }
          if (k.prefix) {
            var q2 = post(k.prefix);
            for (var j = 0; j < q2.length; j += 2) entry(q2[j]).prefix = q2[j + 1];
          }
          var n = k.groups.length || 1;
          var ranked = Array.from(scores.values()).map(function (s) {
            s.score = (s.exact ? 1e7 + s.exact : 0) + (s.prefix ? 5e6 + s.prefix : 0) + s.sum * Math.pow(s.hits / n, 2);
            return s;
          }).sort(function (a, b) { return b.score - a.score || a.doc - b.doc; }).slice(0, LIMIT);
          var need = Array.from(new Set(ranked.map(function (s) { return Math.floor(s.doc / m.chunk); })));
          return Promise.all(need.map(function (c) { return cached(chunks, "docs/" + c + ".json", m); }))
            .then(function (rows) {
              var byChunk = new Map();
              need.forEach(function (c, i) { byChunk.set(c, rows[i]); });
              return ranked.map(function (s) {
                var row = byChunk.get(Math.floor(s.doc / m.chunk))[s.doc % m.chunk];
                return { url: row[0], title: row[1], snippet: row[2] };
              });
            });
        });
    });
  }

  /* The text with each occurrence of the query (any case) marked. */
  function marked(parent, text, q) {
    var lower = text.toLowerCase(), at = q && lower.length === text.length ? lower.indexOf(q) : -1;
    if (at < 0) { parent.appendChild(document.createTextNode(text)); return; }
    parent.appendChild(document.createTextNode(text.slice(0, at)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(at, at + q.length);
    parent.appendChild(mark);
    marked(parent, text.slice(at + q.length), q);
  }

  function render(results, query) {
    var q = subject(query);
    list.textContent = "";
    meta.textContent = !results.length ? (t["search.result.none"] || "")
      : results.length === 1 ? (t["search.result.one"] || "")
      : (t["search.result.other"] || "#").replace("#", results.length);
    results.forEach(function (r) {
      var li = document.createElement("li"), a = document.createElement("a");
      var article = document.createElement("article"), h = document.createElement("h1");
      var p = document.createElement("p"), icon = document.createElement("div");
      li.className = "md-search-result__item";
      a.className = "md-search-result__link";
      a.href = new URL(r.url, base).href;
      article.className = "md-search-result__article md-typeset";
      icon.className = "md-search-result__icon md-icon";
      marked(h, r.title, q);
      marked(p, r.snippet, q);
      article.append(icon, h, p);
      a.appendChild(article);
      li.appendChild(a);
      list.appendChild(li);
    });
    box.setAttribute("data-hb-results", String(results.length));
  }

  function run() {
    var query = input.value, ticket = ++latest;
    if (!query.trim()) {
      list.textContent = "";
      meta.textContent = t["search.result.placeholder"] || "";
      box.removeAttribute("data-hb-results");
      return;
    }
    search(query).then(function (results) {
      if (ticket === latest) render(results, query);
    }).catch(function () {
      if (ticket === latest) meta.textContent = t["search.result.none"] || "";
    });
  }

  function open() {
    if (!toggle.checked) toggle.checked = true;
    load();
    input.focus();
  }

  input.addEventListener("input", function (e) { if (!e.isComposing) run(); });
  input.addEventListener("compositionend", run);
  input.addEventListener("focus", function () { toggle.checked = true; load(); });
  form.addEventListener("reset", function () { setTimeout(run, 0); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) { load(); input.focus(); } else { input.blur(); }
  });
  document.addEventListener("keydown", function (e) {
    var target = e.target, typing = target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
    if (toggle.checked && e.key === "Escape") {
      toggle.checked = false;
      input.blur();
    } else if (toggle.checked && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      var links = Array.from(list.querySelectorAll("a")), at = links.indexOf(document.activeElement);
      if (!links.length) return;
      e.preventDefault();
      var next = e.key === "ArrowDown" ? Math.min(at + 1, links.length - 1) : at - 1;
      (next < 0 ? input : links[next]).focus();
    } else if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s" || e.key === "f")) {
      e.preventDefault();
      open();
    }
  });
  window.hbSearch = { search: search, keys: keys, subject: subject, shardOf: shardOf };
})();
