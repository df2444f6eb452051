// doccheck 检查报告. A file's text and findings are JSON in the page; a file is drawn
// when its section is open and near the screen (or the page is printed), so a report
// of thousands of files opens at once. Every piece of text goes on the page with
// textContent, never as markup. Standard DOM only (Chromium and Firefox alike).
(function () {
  "use strict";
  var labels = JSON.parse(document.getElementById("labels").textContent);
  var drawn = {};
  var hidden = {};  // "c:numeric" / "s:info" → true when unchecked

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function noteHidden(note) { return hidden["c:" + note.c] || hidden["s:" + note.s]; }

  function evidenceNode(view, open) {
    var box = el("details", "evidence");
    box.open = open;
    box.appendChild(el("summary", "", "依据"));
    view.sentences.forEach(function (said) { box.appendChild(el("p", "", said)); });
    view.tables.forEach(function (t) {
      var table = el("table");
      table.appendChild(el("caption", "", t.caption));
      var head = el("tr");
      t.headers.forEach(function (h) { head.appendChild(el("th", "", h)); });
      table.appendChild(head);
      t.rows.forEach(function (r) {
        var tr = el("tr");
        r.forEach(function (cell) { tr.appendChild(el("td", "", cell)); });
        table.appendChild(tr);
      });
      box.appendChild(table);
    });
    if (view.rows.length) {
      var rows = el("table");
      view.rows.forEach(function (r) {
        var tr = el("tr");
        tr.appendChild(el("th", "", r[0]));
        tr.appendChild(el("td", "", r[1]));
        rows.appendChild(tr);
      });
      box.appendChild(rows);
    }
    return box;
  }

  function noteNode(file, note) {
    var box = el("div", "finding sev-" + note.s);
    box.id = "f" + file + "-n" + note.n;
    box.dataset.c = note.c;
    box.dataset.s = note.s;
    box.appendChild(el("span", "code", note.code));
    box.appendChild(el("span", "title", note.title));
    box.appendChild(el("span", "sev", "[" + (labels.severity[note.s] || note.s) + " · " +
      (labels.category[note.c] || note.c) + " · " + note.where + "]"));
    box.appendChild(el("div", "message", note.msg));
    if (note.sug) { box.appendChild(el("div", "suggestion", "建议：" + note.sug)); }
    if (note.fix !== undefined) {
      box.appendChild(el("div", "suggestion", note.fix ? "修改为：“" + note.fix + "”" : "修改为：删去"));
    }
    if (note.place) { box.appendChild(el("div", "place", "位置：" + note.place)); }
    if (note.ev) { box.appendChild(evidenceNode(note.ev, note.c === "numeric")); }
    if (noteHidden(note)) { box.classList.add("hidden"); }
    return box;
  }

  function draw(index) {
    if (drawn[index]) { return; }
    drawn[index] = true;
    var data = JSON.parse(document.getElementById("data-" + index).textContent);
    var body = document.getElementById("body-" + index);
    var byRow = {};
    data.notes.forEach(function (note) {
      if (note.row) { (byRow[note.row] = byRow[note.row] || []).push(note); }
    });
    var table = el("table", "doc");
    var tbody = el("tbody");
    var row = 0;
    data.lines.forEach(function (line) {
      if (line.gap) {
        var gap = el("tr", "gap");
        gap.appendChild(el("td", "ln", "⋮"));
        gap.appendChild(el("td", "text", "（第 " + (row + 1) + "–" + (row + line.gap) + " 行未列出）"));
        gap.appendChild(el("td", "notes"));
        tbody.appendChild(gap);
        row += line.gap;
        return;
      }
      row += 1;
      var tr = el("tr");
      tr.id = "f" + index + "-L" + row;
      tr.appendChild(el("td", "ln", String(row)));
      var text = el("td", "text");
      if (typeof line === "string") {
        text.textContent = line;
      } else {
        line.forEach(function (piece) {
          if (typeof piece === "string") { text.appendChild(document.createTextNode(piece)); return; }
          var mark = el("mark", "hl", piece[0]);
          mark.dataset.ids = piece[1].map(function (n) { return "f" + index + "-n" + n; }).join(" ");
          var worst = "info";
          piece[1].forEach(function (n) {
            var s = data.notes[n].s;
            if (s === "error" || (s === "warning" && worst === "info")) { worst = s; }
          });
          mark.classList.add("sev-" + worst);
          text.appendChild(mark);
        });
      }
      tr.appendChild(text);
      var notes = el("td", "notes");
      (byRow[row] || []).forEach(function (note) { notes.appendChild(noteNode(index, note)); });
      tr.appendChild(notes);
      tbody.appendChild(tr);
    });
    if (data.unplaced.length) {
      var tr = el("tr", "unplaced");
      tr.appendChild(el("td", "ln", ""));
      tr.appendChild(el("td", "text", data.lines.length ? "以下问题不在上面所列的行中：" : "（未保存正文，只列出问题）"));
      var notes = el("td", "notes");
      data.unplaced.forEach(function (n) { notes.appendChild(noteNode(index, data.notes[n])); });
      tr.appendChild(notes);
      tbody.appendChild(tr);
    }
    table.appendChild(tbody);
    body.textContent = "";
    body.appendChild(table);
    body.style.minHeight = "";
    lightMarks(body);
  }

  // A highlight is on while any finding it belongs to is shown.
  function lightMarks(root) {
    root.querySelectorAll("mark.hl").forEach(function (mark) {
      var on = mark.dataset.ids.split(" ").some(function (id) {
        var note = document.getElementById(id);
        return note && !note.classList.contains("hidden");
      });
      mark.classList.toggle("on", on);
    });
  }

  // -- filters -------------------------------------------------------------------------
  // The count shown is worked out from the numbers of findings of each kind, so it is
  // right whether or not their files have been drawn.
  function update() {
    hidden = {};
    document.querySelectorAll("#filters input").forEach(function (box) {
      if (!box.checked) { hidden[box.dataset.filter + ":" + box.value] = true; }
    });
    document.querySelectorAll("div.finding").forEach(function (box) {
      box.classList.toggle("hidden", !!noteHidden({c: box.dataset.c, s: box.dataset.s}));
    });
    lightMarks(document);
    var shown = 0, total = 0;
    Object.keys(labels.kinds).forEach(function (kind) {
      var parts = kind.split(" ");
      total += labels.kinds[kind];
      if (!noteHidden({c: parts[0], s: parts[1]})) { shown += labels.kinds[kind]; }
    });
    document.getElementById("shown").textContent = shown + " / " + total;
  }
  document.querySelectorAll("#filters input").forEach(function (box) { box.addEventListener("change", update); });

  // -- drawing on demand ---------------------------------------------------------------
  var sections = document.querySelectorAll("details.file[data-file]");
  var watcher = null;
  if ("IntersectionObserver" in window) {
    watcher = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting && entry.target.parentNode.open) {
          draw(entry.target.parentNode.dataset.file);
          watcher.unobserve(entry.target);
        }
      });
    }, {rootMargin: "1500px 0px"});
  }
  sections.forEach(function (section) {
    var body = section.querySelector("div.body");
    if (watcher) { watcher.observe(body); } else if (section.open) { draw(section.dataset.file); }
    section.addEventListener("toggle", function () { if (section.open) { draw(section.dataset.file); } });
  });
  window.addEventListener("beforeprint", function () {
    sections.forEach(function (section) { if (section.open) { draw(section.dataset.file); } });
  });

  // -- links: to a file, to a finding, and a rule's findings one after another ----------
  function reveal(id) {
    var match = /^(?:file-|f)(\d+)/.exec(id);
    if (!match) { return null; }
    var section = document.getElementById("file-" + match[1]);
    if (!section) { return null; }
    section.open = true;
    if (section.dataset.file !== undefined) { draw(section.dataset.file); }
    var target = document.getElementById(id);
    if (!target || (target.classList.contains("finding") && target.classList.contains("hidden"))) { return null; }
    document.querySelectorAll("div.finding.focus").forEach(function (n) { n.classList.remove("focus"); });
    if (target.classList.contains("finding")) { target.classList.add("focus"); }
    target.scrollIntoView({block: "center"});
    return target;
  }
  var nextOfRule = {};
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (link) {
      var id = link.getAttribute("href").slice(1);
      var rule = link.dataset.rule;
      if (rule && labels.order[rule]) {
        var order = labels.order[rule];
        var start = nextOfRule[rule] || 0;
        for (var step = 0; step < order.length; step++) {
          var at = (start + step) % order.length;
          if (reveal(order[at])) { nextOfRule[rule] = at + 1; break; }
        }
      } else {
        reveal(id);
      }
      event.preventDefault();
      return;
    }
    var mark = event.target.closest ? event.target.closest("mark.hl") : null;
    if (mark) {
      document.querySelectorAll("div.finding.focus").forEach(function (n) { n.classList.remove("focus"); });
      mark.dataset.ids.split(" ").forEach(function (id) {
        var note = document.getElementById(id);
        if (note) { note.classList.add("focus"); }
      });
    }
  });
  if (location.hash.length > 1) { reveal(decodeURIComponent(location.hash.slice(1))); }
  update();
})();
