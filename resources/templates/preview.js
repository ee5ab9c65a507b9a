/* Live preview helpers: the editor patches one block's HTML instead of reloading the page. */
window.rb = {
  section: function (id) { return document.getElementById("b-" + id); },
  probe: null,
  patch: function (id, html) {
    /* One section's content replaced: no reload, no script re-run; the class (selection
       outline) and the scroll position stay (Chromium's scroll anchoring keeps the view). */
    var el = this.section(id);
    if (!el) { return false; }
    this.morph(el, html);
    if (this.probe !== null) { this.frame(this.probe); this.probe = null; }
    return true;
  },
  morph: function (el, html) {
    /* Replace only the children that differ: typing in an abstract swaps one paragraph, and
       the heading, speakers and images stay the same nodes (no image reload, a small repaint). */
    var parsed = document.createElement("template");
    parsed.innerHTML = html;
    var old = Array.prototype.slice.call(el.childNodes);
    var fresh = Array.prototype.slice.call(parsed.content.childNodes);
    var start = 0;
    while (start < old.length && start < fresh.length && old[start].isEqualNode(fresh[start])) {
      start++;
    }
    var endOld = old.length, endFresh = fresh.length;
    while (endOld > start && endFresh > start &&
           old[endOld - 1].isEqualNode(fresh[endFresh - 1])) {
      endOld--; endFresh--;
    }
    var before = endOld < old.length ? old[endOld] : null;
    for (var i = start; i < endOld; i++) { el.removeChild(old[i]); }
    for (var j = start; j < endFresh; j++) { el.insertBefore(fresh[j], before); }
  },
  probeNext: function (token) {
    /* Benchmarks: report the first frame after the next patch, asked for in the same task. */
    this.probe = token;
    return token;
  },
  layout: function (items) {
    /* items: [[id, kind, html or null]]; null keeps the section already in the page. */
    var holder = document.getElementById("blocks");
    var fresh = document.createDocumentFragment();
    for (var i = 0; i < items.length; i++) {
      var el = this.section(items[i][0]);
      if (!el || items[i][2] !== null) {
        el = document.createElement("section");
        el.id = "b-" + items[i][0];
        el.className = "rb-block rb-" + items[i][1];
        el.innerHTML = items[i][2] || "";
      }
      fresh.appendChild(el);
    }
    holder.replaceChildren(fresh);
    return items.length;
  },
  select: function (id, scroll) {
    var old = document.querySelectorAll(".rb-selected");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("rb-selected"); }
    var el = this.section(id);
    if (!el) { return false; }
    el.classList.add("rb-selected");
    if (scroll) {
      /* Sections out of view have only an estimated height until they are laid out, which
         happens when the scroll brings them near the view: align again on the next frames. */
      var reveal = function () { window.scrollBy(0, el.getBoundingClientRect().top - 24); };
      reveal();
      requestAnimationFrame(function () { reveal(); requestAnimationFrame(reveal); });
    }
    return true;
  },
  setHeader: function (title, meta) {
    document.querySelector(".blog-post__title").textContent = title;
    document.querySelector(".blog-post__meta").innerHTML = meta;
    document.title = title;
    return true;
  },
  painted: function (token) {
    /* Report when every image has decoded and two more frames were painted (screenshots). */
    var waits = Array.prototype.map.call(document.images, function (img) {
      return img.decode ? img.decode().catch(function () {}) : null;
    });
    Promise.all(waits).then(function () {
      requestAnimationFrame(function () {
        requestAnimationFrame(function () { console.log("rb-frame:" + token); });
      });
    });
    return token;
  },
  frame: function (token) {
    /* Report the next painted frame through the console (benchmarks listen for it). */
    requestAnimationFrame(function () { console.log("rb-frame:" + token); });
    return token;
  }
};
