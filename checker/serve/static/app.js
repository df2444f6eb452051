// doccheck 审核工作台. Every piece of document text, file name and message reaches the
// page through textContent or createTextNode, never as markup.
"use strict";
(function () {
  var CATEGORY = {structure: "结构", numeric: "数字计算", date: "日期", typo: "错别字", punctuation: "标点",
    numeral: "数字用法", terminology: "术语", layout: "版式", citation: "引用", privacy: "个人信息", internal: "内部"};
  var SEVERITY = {error: "错误", warning: "警告", info: "提示"};
  var DECISION = {accept: "已接受修改", reject: "已驳回", ignore: "已忽略"};
  var LONG_SPAN = 300; // a finding over a longer span is highlighted at its start only

  var docs = [];      // {path, document, text, encoding, file, views, decisions, source}
  var current = -1;   // index into docs
  var focus = -1;     // index into the current document's findings

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function cookie(name) {
    var found = document.cookie.split("; ").filter(function (c) { return c.indexOf(name + "=") === 0; })[0];
    return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
  }
  function say(message, isError) {
    var status = $("status");
    status.textContent = message;
    status.className = isError ? "error" : "";
  }
  function findingId(f) { return f.code + ":" + f.start + ":" + f.end; }

  function request(url, options) {
    options = options || {};
    options.credentials = "same-origin";
    options.headers = options.headers || {};
    options.headers["X-Doccheck-CSRF"] = cookie("doccheck_csrf");
    return fetch(url, options).then(function (response) {
      if (response.ok) { return response; }
      return response.json().then(function (body) {
        throw new Error(body && body.error ? body.error.message : "请求失败（" + response.status + "）");
      }, function () { throw new Error("请求失败（" + response.status + "）"); });
    });
  }
  function postJson(url, data) {
    return request(url, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(data)});
  }

  // -- adding documents --------------------------------------------------------------
  function review(body, sources) {
    say("正在检查……");
    return request("/api/v1/review", {method: "POST", body: body}).then(function (r) { return r.json(); })
      .then(function (data) {
        var first = docs.length;
        data.documents.forEach(function (d, i) {
          d.file = data.report.files[i];
          d.source = sources[i];
          d.version = data.report.tool.version;
          docs.push(d);
        });
        var total = data.report.summary.findings;
        say("已检查 " + data.documents.length + " 个文档，发现 " + total + " 处问题" +
          (data.accepted_by_list ? "（另有 " + data.accepted_by_list + " 处属白名单用语，未列出）" : ""));
        renderFiles();
        show(first);
      }).catch(function (error) { say(error.message, true); });
  }
  function addFiles(list) {
    var files = Array.prototype.slice.call(list);
    if (!files.length) { return; }
    var form = new FormData();
    files.forEach(function (file) { form.append("file", file, file.name); });
    review(form, files.map(function (file) { return {file: file}; }));
  }
  function addText() {
    var text = $("paste-text").value;
    var name = $("paste-name").value || "粘贴的文本.txt";
    if (!text.trim()) { say("请先粘贴文本", true); return; }
    var form = new FormData();
    form.append("text", text);
    form.append("name", name);
    review(form, [{text: text, name: name}]);
  }

  // -- the file list -----------------------------------------------------------------
  function renderFiles() {
    var list = $("files");
    list.textContent = "";
    docs.forEach(function (d, i) {
      var item = el("li", i === current ? "current" : "");
      item.appendChild(el("span", "", d.path));
      item.appendChild(el("span", "count", d.file.error ? "无法检查" : d.file.findings.length + " 处"));
      item.addEventListener("click", function () { show(i); });
      list.appendChild(item);
    });
  }

  // -- one document ------------------------------------------------------------------
  function span(f, text) {
    var end = f.end - f.start > LONG_SPAN ? f.start + Math.max(1, f.excerpt.length) : f.end;
    return [Math.min(f.start, text.length), Math.min(end, text.length)];
  }
  function renderText(d) {
    var pre = $("doc-text");
    pre.textContent = "";
    var text = d.text || "";
    var findings = d.file.findings;
    var cuts = {0: true};
    cuts[text.length] = true;
    var spans = findings.map(function (f) { var s = span(f, text); cuts[s[0]] = true; cuts[s[1]] = true; return s; });
    var points = Object.keys(cuts).map(Number).sort(function (a, b) { return a - b; });
    function pointMarks(at) {
      findings.forEach(function (f, n) {
        if (spans[n][0] === at && spans[n][1] === at) { pre.appendChild(mark([n], "point")); }
      });
    }
    for (var p = 0; p < points.length - 1; p++) {
      var from = points[p], to = points[p + 1];
      pointMarks(from);
      var ids = [];
      spans.forEach(function (s, n) { if (s[0] <= from && s[1] >= to && s[0] < s[1]) { ids.push(n); } });
      var piece = text.slice(from, to);
      if (ids.length) {
        var m = mark(ids, "");
        m.textContent = piece;
        pre.appendChild(m);
        ids.forEach(function (n) {
          var f = findings[n];
          if (spans[n][1] === to && d.decisions[findingId(f)] === "accept" && f.fix) {
            pre.appendChild(el("ins", "replacement", f.fix.replacement));
          }
        });
      } else {
        pre.appendChild(document.createTextNode(piece));
      }
    }
    pointMarks(text.length);
  }
  function mark(ids, extra) {
    var m = el("mark", "hl " + extra);
    m.dataset.ids = ids.join(" ");
    m.addEventListener("click", function () { select(ids[0], true); });
    return m;
  }
  function evidenceNode(view) {
    var box = el("details", "evidence");
    box.appendChild(el("summary", "", "依据"));
    view.sentences.forEach(function (s) { box.appendChild(el("p", "", s)); });
    view.tables.forEach(function (t) {
      var table = el("table");
      if (t.caption) { table.appendChild(el("caption", "", t.caption)); }
      var head = el("tr");
      t.headers.forEach(function (h) { head.appendChild(el("th", "", h)); });
      table.appendChild(head);
      t.rows.forEach(function (row) {
        var tr = el("tr");
        row.forEach(function (cell) { tr.appendChild(el("td", "", cell)); });
        table.appendChild(tr);
      });
      box.appendChild(table);
    });
    if (view.rows.length) {
      var rows = el("table");
      view.rows.forEach(function (row) {
        var tr = el("tr");
        tr.appendChild(el("th", "", row[0]));
        tr.appendChild(el("td", "", row[1]));
        rows.appendChild(tr);
      });
      box.appendChild(rows);
    }
    return box;
  }
  function renderFindings(d) {
    var list = $("findings");
    list.textContent = "";
    d.file.findings.forEach(function (f, n) {
      var item = el("li", "sev-" + f.severity);
      item.id = "finding-" + n;
      item.dataset.category = f.category;
      item.dataset.severity = f.severity;
      var head = el("div");
      head.appendChild(el("span", "code", f.code));
      head.appendChild(el("span", "title", (d.titles && d.titles[f.code]) || f.name));
      head.appendChild(el("span", "sev", SEVERITY[f.severity] + " · " + (CATEGORY[f.category] || f.category) +
        " · 第 " + f.line + " 行"));
      head.appendChild(el("span", "decision", DECISION[d.decisions[findingId(f)]] || ""));
      item.appendChild(head);
      item.appendChild(el("div", "message", f.message));
      if (f.suggestion) { item.appendChild(el("div", "suggestion", "建议：" + f.suggestion)); }
      if (f.fix) {
        item.appendChild(el("div", "suggestion", "修改为：“" + f.fix.replacement.slice(0, 60) +
          (f.fix.replacement.length > 60 ? "……" : "") + "”" + (f.fix.safety === "unsafe" ? "（需人工确认）" : "")));
      }
      var view = d.views[findingId(f)];
      if (view && (view.rows.length || view.tables.length || view.sentences.length)) {
        item.appendChild(evidenceNode(view));
      }
      var actions = el("div", "actions");
      if (f.fix) { actions.appendChild(button("接受修改", "accept", function () { decide(n, "accept"); })); }
      actions.appendChild(button("驳回", "reject", function () { decide(n, "reject"); }));
      actions.appendChild(button("忽略", "ignore", function () { decide(n, "ignore"); }));
      actions.appendChild(button("全部忽略（加入白名单）", "ignore-everywhere", function () { ignoreEverywhere(n); }));
      item.appendChild(actions);
      item.addEventListener("click", function (event) { if (event.target.tagName !== "BUTTON") { select(n, false); } });
      list.appendChild(item);
    });
  }
  function button(label, action, handler) {
    var b = el("button", "", label);
    b.type = "button";
    b.dataset.action = action;
    b.addEventListener("click", handler);
    return b;
  }
  function renderFilters(d) {
    var present = {category: {}, severity: {}};
    d.file.findings.forEach(function (f) { present.category[f.category] = true; present.severity[f.severity] = true; });
    [["severity", SEVERITY], ["category", CATEGORY]].forEach(function (pair) {
      var box = $("filter-" + pair[0]);
      box.querySelectorAll("label").forEach(function (l) { box.removeChild(l); });
      Object.keys(pair[1]).forEach(function (key) {
        if (!present[pair[0]][key]) { return; }
        var label = el("label");
        var input = el("input");
        input.type = "checkbox";
        input.checked = true;
        input.dataset.filter = pair[0];
        input.value = key;
        input.addEventListener("change", applyFilters);
        label.appendChild(input);
        label.appendChild(document.createTextNode(pair[1][key]));
        box.appendChild(label);
      });
    });
    $("filters").hidden = !d.file.findings.length;
  }
  function visible(n) {
    var item = $("finding-" + n);
    return item && !item.classList.contains("hidden");
  }
  function applyFilters() {
    var off = {};
    document.querySelectorAll("#filters input").forEach(function (box) {
      if (!box.checked) { off[box.dataset.filter + ":" + box.value] = true; }
    });
    var shown = 0, items = document.querySelectorAll("#findings li");
    items.forEach(function (item) {
      var hide = off["category:" + item.dataset.category] || off["severity:" + item.dataset.severity];
      item.classList.toggle("hidden", !!hide);
      if (!hide) { shown++; }
    });
    document.querySelectorAll("mark.hl").forEach(function (m) {
      m.classList.toggle("off", !m.dataset.ids.split(" ").some(function (n) { return visible(Number(n)); }));
    });
    $("shown").textContent = "显示 " + shown + " / " + items.length + " 处";
  }
  function refreshMarks(d) {
    document.querySelectorAll("mark.hl").forEach(function (m) {
      var ids = m.dataset.ids.split(" ").map(Number);
      var decided = ids.map(function (n) { return d.decisions[findingId(d.file.findings[n])]; });
      m.classList.toggle("accepted", decided.indexOf("accept") >= 0);
      m.classList.toggle("done", decided.every(function (x) { return !!x; }) && decided.indexOf("accept") < 0);
      var sev = ids.map(function (n) { return d.file.findings[n].severity; });
      m.classList.add("sev-" + (sev.indexOf("error") >= 0 ? "error" : sev.indexOf("warning") >= 0 ? "warning" : "info"));
    });
  }
  function show(i) {
    if (i < 0 || i >= docs.length) { return; }
    current = i;
    focus = -1;
    var d = docs[i];
    renderFiles();
    $("doc-bar").hidden = false;
    $("doc-title").textContent = d.path + (d.encoding ? "（" + d.encoding + "）" : "");
    $("doc-error").hidden = !d.file.error;
    $("doc-error").textContent = d.file.error ? "无法检查：" + d.file.error : "";
    $("download-fixed").disabled = !!d.file.error;
    renderText(d);
    renderFindings(d);
    renderFilters(d);
    refreshMarks(d);
    applyFilters();
  }
  function select(n, fromText) {
    var d = docs[current];
    if (!d || n < 0 || n >= d.file.findings.length) { return; }
    focus = n;
    document.querySelectorAll(".current").forEach(function (x) {
      if (x.tagName !== "LI" || x.parentNode.id !== "files") { x.classList.remove("current"); }
    });
    var item = $("finding-" + n);
    item.classList.add("current");
    item.scrollIntoView({block: "nearest"});
    var marks = Array.prototype.filter.call(document.querySelectorAll("mark.hl"), function (m) {
      return m.dataset.ids.split(" ").indexOf(String(n)) >= 0;
    });
    marks.forEach(function (m) { m.classList.add("current"); });
    if (marks.length && !fromText) { marks[0].scrollIntoView({block: "center"}); }
  }
  function step(delta) {
    var d = docs[current];
    if (!d) { return; }
    var count = d.file.findings.length;
    for (var k = 1; k <= count; k++) {
      var n = focus < 0 ? (delta > 0 ? k - 1 : count - k) : ((focus + delta * k) % count + count) % count;
      if (visible(n)) { select(n, false); return; }
    }
  }

  // -- decisions -----------------------------------------------------------------------
  function decide(n, decision) {
    var d = docs[current];
    var f = d.file.findings[n];
    if (decision === "accept" && !f.fix) { say("这处问题没有可自动应用的修改", true); return Promise.resolve(); }
    return postJson("/api/v1/decisions", {document: d.document, file_name: d.path, finding: findingId(f),
      code: f.code, excerpt: f.excerpt, decision: decision})
      .then(function () {
        d.decisions[findingId(f)] = decision;
        var keep = focus;
        show(current);
        select(keep >= 0 ? keep : n, true);
        say("第 " + f.line + " 行 " + f.code + "：" + DECISION[decision]);
      }).catch(function (error) { say(error.message, true); });
  }
  function ignoreEverywhere(n) {
    var d = docs[current];
    var f = d.file.findings[n];
    postJson("/api/v1/accept-list", {term: f.excerpt, code: f.code}).then(function () {
      docs.forEach(function (other) {
        other.file.findings.forEach(function (g) {
          if (g.code === f.code && g.excerpt === f.excerpt) { other.decisions[findingId(g)] = "ignore"; }
        });
      });
      show(current);
      loadAcceptList();
      say("已把“" + f.excerpt + "”（" + f.code + "）加入白名单，以后的检查不再提示");
    }).catch(function (error) { say(error.message, true); });
  }
  function loadAcceptList() {
    request("/api/v1/accept-list").then(function (r) { return r.json(); }).then(function (terms) {
      var list = $("accept-list");
      list.textContent = "";
      if (!terms.length) { list.appendChild(el("li", "hint", "（空）")); }
      terms.forEach(function (t) {
        var item = el("li", "", t.term + (t.code ? "（" + t.code + "）" : ""));
        item.appendChild(button("删除", "forget", function () {
          request("/api/v1/accept-list/" + t.id, {method: "DELETE"}).then(loadAcceptList)
            .catch(function (error) { say(error.message, true); });
        }));
        list.appendChild(item);
      });
    }).catch(function () { /* the list is a convenience: the page works without it */ });
  }

  // -- downloads -----------------------------------------------------------------------
  function save(response, fallback) {
    var disposition = response.headers.get("Content-Disposition") || "";
    var match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
    var name = match ? decodeURIComponent(match[1]) : fallback;
    return response.blob().then(function (blob) {
      var url = URL.createObjectURL(blob);
      var link = el("a");
      link.href = url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      say("已下载 " + name);
    });
  }
  function accepted(d) {
    return d.file.findings.filter(function (f) { return d.decisions[findingId(f)] === "accept" && f.fix; })
      .map(findingId);
  }
  function downloadFixed() {
    var d = docs[current];
    if (!d) { return; }
    var form = new FormData();
    if (d.source.file) { form.append("file", d.source.file, d.source.file.name); }
    else { form.append("text", d.source.text); form.append("name", d.source.name); }
    form.append("findings", accepted(d).join(","));
    form.append("download", "true");
    request("/api/v1/fix", {method: "POST", body: form}).then(function (r) { return save(r, "corrected.txt"); })
      .catch(function (error) { say(error.message, true); });
  }
  function exportReport(fmt) {
    var d = docs[current];
    if (!d) { return; }
    var counts = {error: 0, warning: 0, info: 0};
    d.file.findings.forEach(function (f) { counts[f.severity]++; });
    var report = {schema_version: "1", tool: {name: "doccheck", version: d.version}, files: [d.file],
      summary: {files: 1, findings: d.file.findings.length, by_severity: counts}};
    postJson("/api/v1/export/" + fmt, {report: report, decisions: d.decisions})
      .then(function (r) { return save(r, "report." + fmt); })
      .catch(function (error) { say(error.message, true); });
  }

  // -- wiring --------------------------------------------------------------------------
  document.addEventListener("DOMContentLoaded", function () {
    var zone = $("dropzone");
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) { event.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (event) { event.preventDefault(); addFiles(event.dataTransfer.files); });
    $("file-input").addEventListener("change", function (event) { addFiles(event.target.files); event.target.value = ""; });
    $("paste-check").addEventListener("click", addText);
    $("download-fixed").addEventListener("click", downloadFixed);
    document.querySelectorAll("[data-export]").forEach(function (b) {
      b.addEventListener("click", function () { exportReport(b.dataset.export); });
    });
    document.addEventListener("keydown", function (event) {
      var tag = event.target.tagName;
      if (tag === "TEXTAREA" || tag === "INPUT" || event.ctrlKey || event.metaKey || event.altKey) { return; }
      var key = event.key;
      if (key === "j" || key === "J" || key === "ArrowDown") { step(1); event.preventDefault(); }
      else if (key === "k" || key === "K" || key === "ArrowUp") { step(-1); event.preventDefault(); }
      else if (focus >= 0 && (key === "a" || key === "A")) { decide(focus, "accept"); }
      else if (focus >= 0 && (key === "r" || key === "R")) { decide(focus, "reject"); }
      else if (focus >= 0 && (key === "i" || key === "I")) { decide(focus, "ignore"); }
    });
    loadAcceptList();
  });
})();
