// Filters the index tables by text, kind, domain, tag, owner and stability. The filters are
// kept in the URL fragment (#tag=...&kind=...), so pages link to a filtered index. Works from
// file:// without a server: no modules, no fetch. The form is hidden until this script shows it,
// so that without JavaScript the page is a plain list.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var fields = ["q", "kind", "domain", "tag", "owner", "stability"];
  var inputs = {};
  fields.forEach(function (name) { inputs[name] = document.getElementById(name); });
  var contracts = Array.prototype.slice.call(document.querySelectorAll("#contracts tbody tr"));
  var docs = Array.prototype.slice.call(document.querySelectorAll("#docs tbody tr"));
  var count = document.getElementById("count");
  var contractsTable = document.getElementById("contracts-table");
  var contractsEmpty = document.getElementById("contracts-empty");
  var docsSection = document.getElementById("doc-blocks");
  form.hidden = false;
  function has(list, value) {
    try { return JSON.parse(list || "[]").indexOf(value) >= 0; } catch (e) { return false; }
  }

  function values() {
    var v = {};
    fields.forEach(function (name) { v[name] = inputs[name] ? inputs[name].value.trim() : ""; });
    return v;
  }

  function matches(row, v, isDoc) {
    var words = v.q.toLowerCase().split(/\s+/).filter(Boolean);
    var text = row.getAttribute("data-search") || "";
    for (var i = 0; i < words.length; i++) {
      if (text.indexOf(words[i]) < 0) { return false; }
    }
    if (v.tag && !has(row.getAttribute("data-tags"), v.tag)) { return false; }
    if (isDoc) { return !v.kind && !v.domain && !v.owner && !v.stability; }
    if (v.kind && row.getAttribute("data-kind") !== v.kind) { return false; }
    if (v.domain && row.getAttribute("data-domain") !== v.domain) { return false; }
    if (v.owner && !has(row.getAttribute("data-owners"), v.owner)) { return false; }
    if (v.stability && row.getAttribute("data-stability") !== v.stability) { return false; }
    return true;
  }

  function apply() {
    var v = values();
    var shown = 0;
    contracts.forEach(function (row) {
      var ok = matches(row, v, false);
      row.hidden = !ok;
      if (ok) { shown++; }
    });
    var shownDocs = 0;
    docs.forEach(function (row) {
      var ok = matches(row, v, true);
      row.hidden = !ok;
      if (ok) { shownDocs++; }
    });
    // An empty table would show only its header: say that nothing matches instead.
    if (contractsTable) { contractsTable.hidden = shown === 0; }
    if (contractsEmpty) { contractsEmpty.hidden = shown !== 0; }
    if (docsSection) { docsSection.hidden = shownDocs === 0; }
    count.textContent = "Showing " + shown + " of " + contracts.length + " contracts" +
      (docs.length ? " and " + shownDocs + " of " + docs.length + " doc blocks." : ".");
    var parts = [];
    fields.forEach(function (name) {
      if (v[name]) { parts.push(name + "=" + encodeURIComponent(v[name])); }
    });
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (location.hash !== hash) {
      try { history.replaceState(null, "", hash || location.pathname); } catch (e) { /* file:// in some browsers */ }
    }
  }

  function fromHash() {
    var hash = location.hash.replace(/^#/, "");
    fields.forEach(function (name) { if (inputs[name]) { inputs[name].value = ""; } });
    hash.split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq < 0) { return; }
      var name = part.slice(0, eq);
      var value;
      try { value = decodeURIComponent(part.slice(eq + 1)); } catch (e) { return; }
      var input = inputs[name];
      if (!input) { return; }
      if (input.tagName === "SELECT") {
        var known = Array.prototype.some.call(input.options, function (o) { return o.value === value; });
        if (!known) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value;
          input.appendChild(option);
        }
      }
      input.value = value;
    });
    apply();
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  window.addEventListener("hashchange", fromHash);
  fromHash();
}());
