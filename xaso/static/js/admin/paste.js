// Tidies what office suites put on the clipboard before the rich-text editor (Draftail) reads it.
// Draftail already drops the styles, classes and fonts it does not allow; this adds what it cannot
// know: Word's list paragraphs become real lists whatever their bullet ("-", "+", "Ø", "·"),
// Word for the web's heading paragraphs become headings, and the whitespace a whole clipboard
// document starts with no longer becomes an empty paragraph. Text is stored in Unicode NFC.
// The paste is replayed with the tidied copy; without the browser support for that, nothing
// changes and the editor reads the clipboard as before.
(function () {
  "use strict";
  var EDITOR = ".public-DraftEditor-content";
  var WORD_LIST = /mso-list:\s*l\d+\s+level(\d+)/i;
  var ORDERED_MARKER = /^\(?(\d+|[a-z]|[ivxlcdm]+)[.)]/i;
  var replayed = new WeakSet();  // the pastes this file dispatched itself

  function canReplay() {
    try {
      var data = new DataTransfer();
      data.setData("text/plain", "x");
      var event = new ClipboardEvent("paste", { clipboardData: data });
      return Boolean(event.clipboardData) && event.clipboardData.getData("text/plain") === "x";
    } catch (error) {
      return false;
    }
  }

  function isBlank(node) {
    return node.nodeType === Node.COMMENT_NODE ||
      (node.nodeType === Node.TEXT_NODE && !node.data.trim());
  }

  function wordListItem(node) {
    if (node.nodeType !== Node.ELEMENT_NODE || node.tagName !== "P") { return null; }
    var match = WORD_LIST.exec(node.getAttribute("style") || "");
    if (!match) { return null; }
    var marker = node.querySelector("[style*='mso-list:Ignore' i]");
    var text = marker ? marker.textContent.replace(/\s+/g, " ").trim() : "";
    if (marker) { marker.remove(); }
    return {
      paragraph: node,
      level: Math.max(1, parseInt(match[1], 10)),
      tag: ORDERED_MARKER.test(text) ? "ol" : "ul",
    };
  }

  // One run of Word list paragraphs, siblings apart from whitespace and Word's comments,
  // becomes nested <ul>/<ol> elements in place of the first paragraph.
  function convertWordList(doc, items) {
    var first = items[0].paragraph;
    var stack = [];
    var top = null;
    items.forEach(function (item) {
      while (stack.length > item.level ||
        (stack.length === item.level && stack[stack.length - 1].tag !== item.tag)) {
        stack.pop();
      }
      // A level skipped in Word (1 then 3) nests one step deeper, under the item before it.
      var level = Math.min(item.level, stack.length + 1);
      while (stack.length < level) {
        var list = doc.createElement(item.tag);
        var parent = stack.length ? stack[stack.length - 1].lastItem : null;
        if (parent) {
          parent.appendChild(list);
        } else {
          if (top) { top.after(list); } else { first.before(list); }
          top = list;
        }
        stack.push({ list: list, tag: item.tag, lastItem: null });
      }
      var li = doc.createElement("li");
      while (item.paragraph.firstChild) { li.appendChild(item.paragraph.firstChild); }
      item.paragraph.remove();
      stack[stack.length - 1].list.appendChild(li);
      stack[stack.length - 1].lastItem = li;
    });
  }

  function convertWordLists(doc) {
    var changed = false;
    var paragraphs = Array.prototype.slice.call(doc.querySelectorAll("p[style*='mso-list' i]"));
    var seen = new Set();
    paragraphs.forEach(function (paragraph) {
      if (seen.has(paragraph)) { return; }
      var items = [];
      var node = paragraph;
      while (node) {
        if (!isBlank(node)) {
          var item = wordListItem(node);
          if (!item) { break; }
          items.push(item);
          seen.add(node);
        }
        node = node.nextSibling;
      }
      if (items.length) {
        convertWordList(doc, items);
        changed = true;
      }
    });
    return changed;
  }

  function convertAriaHeadings(doc) {
    var headings = doc.body.querySelectorAll("[role='heading'][aria-level]");
    Array.prototype.forEach.call(headings, function (element) {
      var level = Math.min(6, Math.max(1, parseInt(element.getAttribute("aria-level"), 10) || 2));
      var heading = doc.createElement("h" + level);
      while (element.firstChild) { heading.appendChild(element.firstChild); }
      element.replaceWith(heading);
    });
    return headings.length > 0;
  }

  function removeEndOfParagraphMarks(doc) {
    // Word for the web ends every paragraph with a non-breaking space in its own span.
    var marks = doc.body.querySelectorAll("span.EOP");
    Array.prototype.forEach.call(marks, function (mark) { mark.remove(); });
    return marks.length > 0;
  }

  function trimBody(body) {
    var changed = false;
    while (body.firstChild && isBlank(body.firstChild)) {
      body.removeChild(body.firstChild);
      changed = true;
    }
    while (body.lastChild && isBlank(body.lastChild)) {
      body.removeChild(body.lastChild);
      changed = true;
    }
    return changed;
  }

  function composeText(doc) {
    var changed = false;
    var walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      var composed = walker.currentNode.data.normalize("NFC");
      if (composed !== walker.currentNode.data) {
        walker.currentNode.data = composed;
        changed = true;
      }
    }
    return changed;
  }

  // The tidied HTML, or null when there is nothing to tidy.
  function tidy(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var changed = [
      convertWordLists(doc),
      convertAriaHeadings(doc),
      removeEndOfParagraphMarks(doc),
      trimBody(doc.body),
      composeText(doc),
    ].some(Boolean);
    return changed ? doc.body.innerHTML : null;
  }

  function onPaste(event) {
    var source = event.clipboardData;
    var target = event.target instanceof Element ? event.target : null;
    if (!source || !target || !target.closest(EDITOR) || replayed.has(event)) {
      return;
    }
    var types = Array.prototype.slice.call(source.types || []);
    var html = types.indexOf("text/html") >= 0 ? tidy(source.getData("text/html")) : null;
    var plain = source.getData("text/plain");
    var composedPlain = plain.normalize("NFC");
    if (html === null && composedPlain === plain) { return; }

    var data = new DataTransfer();
    types.forEach(function (type) {
      if (type === "Files") { return; }
      var value = source.getData(type);
      if (type === "text/html" && html !== null) { value = html; }
      if (type === "text/plain") { value = composedPlain; }
      data.setData(type, value);
    });
    Array.prototype.forEach.call(source.files || [], function (file) { data.items.add(file); });

    event.preventDefault();
    event.stopImmediatePropagation();
    var replay = new ClipboardEvent("paste", {
      clipboardData: data, bubbles: true, cancelable: true,
    });
    replayed.add(replay);
    target.dispatchEvent(replay);
  }

  if (canReplay()) {
    document.addEventListener("paste", onPaste, true);
  }
})();
