// symshock map: focus a node and its prerequisites, filter by status and family. No libraries.
(function () {
  "use strict";
  var nodes = Array.prototype.slice.call(document.querySelectorAll("#graph .node"));
  var edges = Array.prototype.slice.call(document.querySelectorAll("#graph .edge"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-id]"));
  var byId = {};
  nodes.forEach(function (n) { byId[n.dataset.id] = n; });
  var panel = document.getElementById("panel");
  var focused = null;

  function ancestors(id) {
    var seen = {}, stack = [id];
    while (stack.length) {
      var i = stack.pop();
      if (seen[i] || !byId[i]) continue;
      seen[i] = true;
      (byId[i].dataset.uses || "").split(" ").forEach(function (u) { if (u) stack.push(u); });
    }
    return seen;
  }

  function text(tag, cls, s) { var e = document.createElement(tag); if (cls) e.className = cls; e.textContent = s; return e; }

  function showPanel(n) {
    var d = n.dataset;
    panel.innerHTML = "";
    panel.appendChild(text("h2", "", d.id));
    panel.appendChild(text("div", "", d.title));
    var facts = [["kind", d.kind], ["Coq", d.coq + (d.fragment === "yes" ? " (fragment)" : "")], ["Lean", d.lean],
                 ["witnesses", d.witnessLabel], ["complete", d.complete === "yes" ? "yes: every prerequisite's Coq twin is checked" : "no"]];
    var dl = document.createElement("dl");
    dl.className = "facts";
    facts.forEach(function (f) { dl.appendChild(text("dt", "", f[0])); dl.appendChild(text("dd", "", f[1])); });
    panel.appendChild(dl);
    var uses = (d.uses || "").split(" ").filter(Boolean);
    panel.appendChild(text("div", "", uses.length ? "rests on: " + uses.join(", ") : "rests on nothing else on the map"));
    var testers = (d.testedBy || "").split(" ").filter(Boolean);
    if (testers.length) panel.appendChild(text("div", "", "tested by: " + testers.join(", ")));
    var a = text("a", "", "Open the page of " + d.id + " →");
    a.id = "panel-open";
    a.href = n.getAttribute("href");
    panel.appendChild(a);
    var clear = text("button", "", "clear focus");
    clear.type = "button";
    clear.style.marginLeft = "10px";
    clear.addEventListener("click", function () { focus(null); });
    panel.appendChild(clear);
  }

  function focus(id) {
    focused = id;
    var keep = id ? ancestors(id) : null;
    nodes.forEach(function (n) {
      n.classList.toggle("dim", !!keep && !keep[n.dataset.id]);
      n.classList.toggle("focus", n.dataset.id === id);
    });
    edges.forEach(function (e) {
      var on = !!keep && keep[e.dataset.from] && keep[e.dataset.to];
      e.classList.toggle("dim", !!keep && !on);
      e.classList.toggle("hl", on);
    });
    if (id) { showPanel(byId[id]); history.replaceState(null, "", "#focus=" + encodeURIComponent(id)); }
    else {
      panel.innerHTML = "<p class=\"note\">Click a theorem to focus it and everything it rests on; click it again (or the link here) to open its page.</p>";
      history.replaceState(null, "", location.pathname + location.search);
    }
  }

  nodes.forEach(function (n) {
    n.addEventListener("click", function (ev) {
      if (focused !== n.dataset.id) { ev.preventDefault(); focus(n.dataset.id); }
    });
  });
  document.getElementById("graph").addEventListener("click", function (ev) {
    if (ev.target.id === "graph") focus(null);
  });

  var controls = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  function applyFilters() {
    var coq = document.getElementById("f-coq").value, lean = document.getElementById("f-lean").value;
    var wit = document.getElementById("f-witness").value;
    var fams = {};
    controls.forEach(function (c) { if (c.dataset.filter === "family" && c.checked) fams[c.value] = true; });
    var shown = 0, ok = {};
    nodes.forEach(function (n) {
      var d = n.dataset;
      var match = (!coq || d.coq === coq) && (!lean || d.lean === lean) && (!wit || d.witness === wit) && fams[d.family];
      n.classList.toggle("filtered", !match);
      ok[d.id] = match;
      if (match) shown++;
    });
    edges.forEach(function (e) { e.classList.toggle("filtered", !(ok[e.dataset.from] && ok[e.dataset.to])); });
    rows.forEach(function (r) { r.classList.toggle("filtered", !ok[r.dataset.id]); });
    document.getElementById("shown").textContent = shown + " of " + nodes.length + " shown";
  }
  controls.forEach(function (c) { c.addEventListener("change", applyFilters); });
  applyFilters();

  var m = /^#focus=(.+)$/.exec(location.hash);
  focus(m && byId[decodeURIComponent(m[1])] ? decodeURIComponent(m[1]) : null);
})();
