/* storyledger report: story switching, story filter, side-by-side reader.
   All text reaches the page through textContent: nothing from the data is ever parsed as HTML.
   Offsets in the data are UTF-16 code-unit indices (converted from Python indices when rendered). */
(function () {
  "use strict";
  var dataEl = document.getElementById("sl-data");
  var DATA = dataEl ? JSON.parse(dataEl.textContent) : { articles: {}, stories: [] };
  var RANK = { verbatim: 5, near_verbatim: 4, shared_quote: 3, paraphrase: 2, related: 1 };
  var LABEL = { verbatim: "verbatim", near_verbatim: "near-verbatim", paraphrase: "paraphrase",
                shared_quote: "shared quote", related: "related" };
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  /* ---- story list and switching (file report holds several stories) ---- */
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.story"));
  var navLinks = Array.prototype.slice.call(document.querySelectorAll("nav.stories a[data-story]"));

  function showStory(domId) {
    if (sections.length < 2) { return; }
    var found = false;
    sections.forEach(function (s) { if (s.id === domId) { found = true; } });
    if (!found) { domId = sections[0].id; }
    sections.forEach(function (s) { s.classList.toggle("hidden", s.id !== domId); });
    navLinks.forEach(function (a) { a.classList.toggle("active", a.getAttribute("data-story") === domId); });
  }

  function storyOfHash() {
    var h = decodeURIComponent(location.hash.slice(1));
    if (!h) { return null; }
    var target = document.getElementById(h);
    var s = target && target.closest ? target.closest("section.story") : null;
    return s ? s.id : null;
  }

  if (sections.length > 1) {
    showStory(storyOfHash() || sections[0].id);
    window.addEventListener("hashchange", function () {
      var id = storyOfHash();
      if (id) { showStory(id); }
    });
  }

  var filter = document.getElementById("story-filter");
  if (filter) {
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-search]"));
    var count = document.getElementById("story-count");
    filter.addEventListener("input", function () {
      var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (li) {
        var hay = li.getAttribute("data-search");
        var ok = words.every(function (w) { return hay.indexOf(w) >= 0; });
        li.classList.toggle("hidden", !ok);
        if (ok) { shown += 1; }
      });
      if (count) { count.textContent = shown + " of " + items.length; }
    });
  }

  /* ---- side-by-side reader ---- */
  function Reader(root, story) {
    this.root = root;
    this.story = story;
    this.sel = { left: root.querySelector("select[data-side=left]"), right: root.querySelector("select[data-side=right]") };
    this.doc = { left: root.querySelector(".doc[data-side=left]"), right: root.querySelector(".doc[data-side=right]") };
    this.meta = { left: root.querySelector(".doc-meta[data-side=left]"), right: root.querySelector(".doc-meta[data-side=right]") };
    this.status = root.querySelector(".reader-status");
    this.prev = { left: this.sel.left.value, right: this.sel.right.value };
    var self = this;
    ["left", "right"].forEach(function (side) {
      self.sel[side].addEventListener("change", function () { self.onSelect(side); });
      self.doc[side].addEventListener("click", function (ev) { self.onMark(side, ev); });
      self.doc[side].addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { self.onMark(side, ev); }
      });
    });
    this.render(null);
  }

  Reader.prototype.aid = function (side) { return this.story.articles[+this.sel[side].value]; };
  Reader.prototype.other = function (side) { return side === "left" ? "right" : "left"; };

  Reader.prototype.onSelect = function (side) {
    var other = this.other(side);
    if (this.sel[side].value === this.sel[other].value) {
      this.sel[other].value = this.prev[side];
    }
    this.prev = { left: this.sel.left.value, right: this.sel.right.value };
    this.render(null);
  };

  /* Alignments between the two shown articles, each as [kind, score, leftStart, leftEnd, rightStart, rightEnd]. */
  Reader.prototype.pairs = function () {
    var L = this.aid("left"), R = this.aid("right"), out = [];
    this.story.al.forEach(function (a, i) {
      if (a[2] === L && a[5] === R) { out.push({ i: i, kind: a[0], score: a[1], l: [a[3], a[4]], r: [a[6], a[7]] }); }
      else if (a[2] === R && a[5] === L) { out.push({ i: i, kind: a[0], score: a[1], l: [a[6], a[7]], r: [a[3], a[4]] }); }
    });
    return out;
  };

  Reader.prototype.render = function (target) {
    var pairs = this.pairs(), self = this;
    ["left", "right"].forEach(function (side) {
      var ranges = pairs.map(function (p) {
        var s = side === "left" ? p.l : p.r;
        return { s: s[0], e: s[1], kind: p.kind, i: p.i, score: p.score };
      });
      var aid = self.aid(side);
      if (target && target.aid === aid) { ranges.push({ s: target.s, e: target.e, kind: null, i: -1 }); }
      self.fill(side, aid, ranges);
    });
    var n = pairs.length;
    this.status.textContent = n ? n + " aligned passage" + (n === 1 ? "" : "s") +
      " between these two articles. Click a highlighted passage to find its partner."
      : "No aligned passages between these two articles.";
  };

  Reader.prototype.fill = function (side, aid, ranges) {
    var art = DATA.articles[aid] || { x: "", s: "", d: "", t: "" };
    var text = art.x || "";
    var meta = this.meta[side];
    meta.textContent = [art.s, art.d].filter(Boolean).join(" \u00b7 ");
    var box = this.doc[side];
    while (box.firstChild) { box.removeChild(box.firstChild); }
    if (art.t) { box.appendChild(el("h4", null, art.t)); }
    var len = text.length, cuts = [0, len];
    ranges.forEach(function (r) {
      r.s = Math.max(0, Math.min(len, r.s | 0));
      r.e = Math.max(r.s, Math.min(len, r.e | 0));
      cuts.push(r.s, r.e);
    });
    cuts = cuts.sort(function (a, b) { return a - b; }).filter(function (v, k, arr) { return k === 0 || v !== arr[k - 1]; });
    var p = el("p");
    box.appendChild(p);
    for (var k = 0; k + 1 < cuts.length; k++) {
      var a = cuts[k], b = cuts[k + 1];
      var cover = ranges.filter(function (r) { return r.s <= a && r.e >= b && r.e > r.s; });
      var als = cover.filter(function (r) { return r.i >= 0; })
        .sort(function (x, y) { return (RANK[y.kind] || 0) - (RANK[x.kind] || 0); });
      var isTarget = cover.some(function (r) { return r.i < 0; });
      var pieces = text.slice(a, b).split("\n");
      for (var j = 0; j < pieces.length; j++) {
        if (j > 0) { p = el("p"); box.appendChild(p); }
        if (!pieces[j]) { continue; }
        if (!als.length && !isTarget) { p.appendChild(document.createTextNode(pieces[j])); continue; }
        var m = el("mark", null, pieces[j]);
        var cls = [];
        if (als.length) {
          cls.push("al", "k-" + als[0].kind);
          m.setAttribute("data-al", als.map(function (r) { return r.i; }).join(" "));
          m.setAttribute("data-kind", als[0].kind);
          m.setAttribute("tabindex", "0");
          m.setAttribute("role", "button");
          m.title = (LABEL[als[0].kind] || als[0].kind) + " \u00b7 score " + Number(als[0].score).toFixed(2) +
            " \u2014 click to show the partner passage";
        }
        if (isTarget) { cls.push("cite-target"); m.setAttribute("data-target", "1"); }
        m.className = cls.join(" ");
        p.appendChild(m);
      }
    }
  };

  Reader.prototype.scrollTo = function (side, node) {
    var box = this.doc[side];
    var top = box.scrollTop + node.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 4;
    box.scrollTo({ top: Math.max(0, top), behavior: reduced ? "auto" : "smooth" });
  };

  function flash(nodes) {
    nodes.forEach(function (n) {
      n.classList.remove("flash");
      void n.offsetWidth; /* restart the animation */
      n.classList.add("flash");
      setTimeout(function () { n.classList.remove("flash"); }, 1700);
    });
  }

  Reader.prototype.onMark = function (side, ev) {
    var m = ev.target.closest ? ev.target.closest("mark[data-al]") : null;
    if (!m) { return; }
    ev.preventDefault();
    var idx = m.getAttribute("data-al").split(" ")[0];
    var other = this.other(side);
    var mine = Array.prototype.slice.call(this.doc[side].querySelectorAll('mark[data-al~="' + idx + '"]'));
    var theirs = Array.prototype.slice.call(this.doc[other].querySelectorAll('mark[data-al~="' + idx + '"]'));
    this.root.querySelectorAll("mark.selected").forEach(function (n) { n.classList.remove("selected"); });
    mine.concat(theirs).forEach(function (n) { n.classList.add("selected"); });
    if (theirs.length) {
      this.scrollTo(other, theirs[0]);
      flash(theirs);
      var a = this.story.al[+idx];
      var art = DATA.articles[this.aid(other)] || {};
      this.status.textContent = (LABEL[a[0]] || a[0]) + " passage (score " + Number(a[1]).toFixed(2) +
        ") \u2014 partner shown in " + (art.s || "the other article") + ".";
    }
  };

  /* Show a cited span: keep it where it is if already shown, else load it on the left. */
  Reader.prototype.show = function (aid, s, e) {
    var k = this.story.articles.indexOf(aid);
    if (k < 0) { return; }
    var side = this.aid("left") === aid ? "left" : (this.aid("right") === aid ? "right" : null);
    if (!side) {
      side = "left";
      if (this.sel.right.value === String(k)) { this.sel.right.value = this.prev.left; }
      this.sel.left.value = String(k);
      this.prev = { left: this.sel.left.value, right: this.sel.right.value };
    }
    this.render({ aid: aid, s: s, e: e });
    this.root.scrollIntoView({ block: "start", behavior: "auto" });
    var hits = Array.prototype.slice.call(this.doc[side].querySelectorAll("mark[data-target]"));
    if (hits.length) { this.scrollTo(side, hits[0]); flash(hits); }
  };

  /* Readers are built when their story is first shown: a report of many stories opens fast. */
  var readers = {};
  function readerOf(k) {
    if (!(k in readers)) {
      var root = document.querySelector('section.reader[data-story-index="' + k + '"]');
      var story = DATA.stories[k];
      readers[k] = root && story && root.querySelector("select[data-side=right]") ? new Reader(root, story) : null;
    }
    return readers[k];
  }
  function initVisible() {
    sections.forEach(function (s) {
      if (!s.classList.contains("hidden")) {
        var r = s.querySelector("section.reader");
        if (r) { readerOf(+r.getAttribute("data-story-index")); }
      }
    });
  }
  initVisible();
  window.addEventListener("hashchange", initVisible);
  navLinks.forEach(function (a) { a.addEventListener("click", function () { setTimeout(initVisible, 0); }); });

  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a.cite, a.chip, g.node") : null;
    if (!a) { return; }
    var k = +a.getAttribute("data-story-index");
    var reader = readerOf(k);
    var story = DATA.stories[k];
    if (!reader || !story) { return; }
    ev.preventDefault();
    var aid = story.articles[+a.getAttribute("data-article")];
    var s = a.hasAttribute("data-start") ? +a.getAttribute("data-start") : 0;
    var e = a.hasAttribute("data-end") ? +a.getAttribute("data-end") : 0;
    reader.show(aid, s, e);
  });
  document.addEventListener("keydown", function (ev) {
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.matches && ev.target.matches("g.node")) {
      ev.target.dispatchEvent(new MouseEvent("click", { bubbles: true }));
      ev.preventDefault();
    }
  });
  document.documentElement.setAttribute("data-ready", "1");
})();
