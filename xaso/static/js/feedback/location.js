/* The feedback form's optional place: a small Leaflet map; a tap puts a point and fills the
 * hidden latitude and longitude inputs, "Remove the point" empties them. Without JavaScript (or
 * without Leaflet) the map stays hidden and the submission simply has no place.
 */
(function () {
  "use strict";

  function start() {
    var box = document.querySelector("[data-feedback-location]");
    var element = document.getElementById("feedback-map");
    var latitude = document.getElementById("id_latitude");
    var longitude = document.getElementById("id_longitude");
    if (!box || !element || !latitude || !longitude || !window.L) {
      return;
    }
    box.hidden = false;
    var text = box.querySelector("[data-feedback-location-text]");
    var clear = box.querySelector("[data-feedback-location-clear]");
    var map = window.L.map(element, { zoomControl: false }).setView([20.86, 106.68], 12);
    window.L.control
      .zoom({ zoomInTitle: element.dataset.zoomIn, zoomOutTitle: element.dataset.zoomOut })
      .addTo(map);
    element.setAttribute("role", "application");
    element.setAttribute("aria-label", element.dataset.label || "");
    element.setAttribute("aria-describedby", "feedback-map-help");
    if (element.dataset.tiles) {
      window.L.tileLayer(element.dataset.tiles, {
        maxZoom: 19,
        attribution: element.dataset.attribution || ""
      }).addTo(map);
    }
    var marker = null;

    function show(lat, lng) {
      latitude.value = lat.toFixed(6);
      longitude.value = lng.toFixed(6);
      if (marker) {
        marker.setLatLng([lat, lng]);
      } else {
        marker = window.L.circleMarker([lat, lng], { radius: 9, color: "#a10d0d" }).addTo(map);
      }
      if (text) {
        text.textContent = latitude.value.replace(".", ",") + "; " + longitude.value.replace(".", ",");
      }
    }

    if (latitude.value && longitude.value) {
      var lat = parseFloat(latitude.value);
      var lng = parseFloat(longitude.value);
      if (isFinite(lat) && isFinite(lng)) {
        show(lat, lng);
        map.setView([lat, lng], 15);
      }
    }
    map.on("click", function (event) {
      show(event.latlng.lat, event.latlng.lng);
    });
    if (clear) {
      clear.addEventListener("click", function () {
        latitude.value = "";
        longitude.value = "";
        if (marker) {
          map.removeLayer(marker);
          marker = null;
        }
        if (text) {
          text.textContent = "";
        }
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
