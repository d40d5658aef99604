/* The feedback form's attachments: a phone photo larger than the limit is made smaller here,
 * before it is sent (a canvas at most 2000 px on its longer side, JPEG at 0.85; smaller still
 * if needed), instead of being refused after a long upload. Re-encoding also drops the photo's
 * hidden data (place, camera). A file that cannot be made smaller (a PDF) is taken out of the
 * selection with a message. Without JavaScript the limit stated beside the field still holds.
 */
(function () {
  "use strict";
  var TRIES = [[2000, 0.85], [2000, 0.7], [1600, 0.7], [1200, 0.7]];

  function megabytes(bytes) {
    return (bytes / 1048576).toLocaleString("vi-VN", { maximumFractionDigits: 1 }) + " MB";
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) { return values[key]; });
  }

  function asImage(file) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file);
      var image = new Image();
      image.onload = function () { URL.revokeObjectURL(url); resolve(image); };
      image.onerror = function () { URL.revokeObjectURL(url); reject(new Error("not a picture")); };
      image.src = url;
    });
  }

  function picture(file) {
    if (window.createImageBitmap) {
      return createImageBitmap(file, { imageOrientation: "from-image" }).catch(function () {
        return asImage(file);
      });
    }
    return asImage(file);
  }

  function encode(source, side, quality) {
    var scale = Math.min(1, side / Math.max(source.width, source.height));
    var canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(source.width * scale));
    canvas.height = Math.max(1, Math.round(source.height * scale));
    var context = canvas.getContext("2d");
    context.fillStyle = "#fff"; // a PNG's transparent parts: white, as JPEG has no transparency
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    return new Promise(function (resolve) { canvas.toBlob(resolve, "image/jpeg", quality); });
  }

  function shrink(file, limit) {
    return picture(file).then(function (source) {
      function attempt(index) {
        return encode(source, TRIES[index][0], TRIES[index][1]).then(function (blob) {
          if (blob && blob.size <= limit) { return blob; }
          return index + 1 < TRIES.length ? attempt(index + 1) : null;
        });
      }
      return attempt(0);
    }).then(function (blob) {
      if (!blob) { return null; }
      var name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
      return new File([blob], name, { type: "image/jpeg", lastModified: Date.now() });
    });
  }

  function start() {
    var input = document.querySelector("input[data-max-bytes]");
    var status = document.querySelector("[data-photo-status]");
    if (!input || !status || !window.Promise || !window.DataTransfer || !window.File ||
        !HTMLCanvasElement.prototype.toBlob) {
      return;
    }
    var limit = parseInt(input.getAttribute("data-max-bytes"), 10);
    var busy = false;
    input.form.addEventListener("submit", function (event) {
      if (busy) { event.preventDefault(); }
    });
    input.addEventListener("change", function () {
      var files = Array.prototype.slice.call(input.files);
      if (!files.some(function (file) { return file.size > limit; })) {
        status.hidden = true;
        status.textContent = "";
        return;
      }
      busy = true;
      status.hidden = false;
      status.textContent = status.getAttribute("data-working");
      var notes = [];
      var refused = function (file) {
        notes.push(fill(status.getAttribute("data-too-big"), { name: file.name, size: megabytes(limit) }));
        return null;
      };
      Promise.all(files.map(function (file) {
        if (file.size <= limit) { return Promise.resolve(file); }
        if (!/^image\/(jpeg|png)$/.test(file.type)) { return Promise.resolve(refused(file)); }
        return shrink(file, limit).then(function (smaller) {
          if (!smaller) { return refused(file); }
          notes.push(fill(status.getAttribute("data-shrunk"), {
            name: file.name, before: megabytes(file.size), after: megabytes(smaller.size)
          }));
          return smaller;
        }).catch(function () { return refused(file); });
      })).then(function (chosen) {
        var transfer = new DataTransfer();
        chosen.forEach(function (file) { if (file) { transfer.items.add(file); } });
        input.files = transfer.files;
        status.textContent = notes.join(" ");
        busy = false;
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
