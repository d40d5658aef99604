/* Campaign maps: every [data-campaign-map] element becomes a Leaflet map of the GeoJSON
 * FeatureCollection in the <script type="application/json"> its data-features names.
 *
 * Lines (road segments) are coloured by properties.percent (or properties.colour), dashed in the
 * lowest band; points (households, on staff pages only) are circle markers coloured by
 * properties.status. Each layer carries properties.label as its tooltip and popup, and its SVG
 * element a data-segment (properties.code) or data-household-status attribute. A line also shows
 * its code and name (properties.name) on the map at all times, a data-segment-label element.
 *
 * Background tiles come from data-tiles (a URL template) with data-attribution, only when a URL
 * is given; a tile that fails to load leaves the drawn layers as they are. Without JavaScript,
 * or if Leaflet is missing, the element keeps its note and the page's tables say everything.
 */
(function () {
  "use strict";

  // The same bands as xaso/campaigns/public.py SCALE (the legend is rendered from there).
  var SCALE = [
    [0, "#b2182b"],
    [25, "#b35806"],
    [50, "#7b3294"],
    [75, "#2166ac"],
    [100, "#1b7837"]
  ];
  var DASHED_BELOW = 25;
  var STATUS_COLOURS = {
    not_contacted: "#595959",
    mobilising: "#b35806",
    agreed: "#7b3294",
    signed: "#2166ac",
    handed_over: "#1b7837",
    cleared: "#1b7837",
    recorded: "#0b3d1f",
    refused: "#b2182b",
    disputed: "#8c510a"
  };

  function percentColour(percent) {
    var colour = SCALE[0][1];
    for (var i = 0; i < SCALE.length; i++) {
      if (percent >= SCALE[i][0]) {
        colour = SCALE[i][1];
      }
    }
    return colour;
  }

  function readFeatures(element) {
    var source = document.getElementById(element.getAttribute("data-features") || "");
    if (!source) {
      return null;
    }
    try {
      var data = JSON.parse(source.textContent || "null");
      return data && data.type === "FeatureCollection" && Array.isArray(data.features) ? data : null;
    } catch (error) {
      return null;
    }
  }

  function lineStyle(feature) {
    var properties = feature.properties || {};
    var percent = Number(properties.percent) || 0;
    return {
      color: properties.colour || percentColour(percent),
      weight: 6,
      opacity: 0.95,
      dashArray: percent < DASHED_BELOW ? "10 8" : null,
      lineCap: "butt"
    };
  }

  function pointMarker(feature, latlng) {
    var status = (feature.properties || {}).status || "";
    return window.L.circleMarker(latlng, {
      radius: 6,
      color: "#ffffff",
      weight: 1.5,
      fillColor: (feature.properties || {}).colour || STATUS_COLOURS[status] || "#595959",
      fillOpacity: 0.95
    });
  }

  function mark(layer, feature) {
    var element = layer.getElement && layer.getElement();
    if (!element) {
      return;
    }
    var properties = feature.properties || {};
    if (feature.geometry && feature.geometry.type === "Point") {
      element.setAttribute("data-household-status", properties.status || "");
    } else if (properties.code !== undefined) {
      element.setAttribute("data-segment", String(properties.code));
      element.setAttribute("data-percent", String(properties.percent || 0));
    }
  }

  // A segment's code and name, always shown at the middle of its line (a hover or a tap adds
  // its figures). Not interactive and hidden from screen readers: the table says the same.
  function addName(map, layer) {
    var properties = (layer.feature && layer.feature.properties) || {};
    if (!layer.getLatLngs || properties.code === undefined || !layer.getCenter) {
      return;
    }
    var text = document.createElement("span");
    text.textContent = properties.name ? properties.code + " · " + properties.name : String(properties.code);
    var holder = document.createElement("div");
    holder.appendChild(text);
    var marker = window.L.marker(layer.getCenter(), {
      icon: window.L.divIcon({ className: "campaign-map__label", html: holder.innerHTML, iconSize: null }),
      interactive: false,
      keyboard: false
    });
    marker.addTo(map);
    var element = marker.getElement();
    if (element) {
      element.setAttribute("data-segment-label", String(properties.code));
      element.setAttribute("aria-hidden", "true");
    }
  }

  function addTiles(map, element) {
    var url = element.getAttribute("data-tiles");
    if (!url) {
      return;
    }
    var tiles = window.L.tileLayer(url, {
      attribution: element.getAttribute("data-attribution") || "",
      maxZoom: 19,
      crossOrigin: false
    });
    tiles.on("tileerror", function () {
      // The drawn segments stay; the page only notes that the background is missing.
      element.setAttribute("data-tiles-failed", "true");
    });
    tiles.addTo(map);
  }

  function init(element) {
    if (element.getAttribute("data-map-ready") || !window.L) {
      return;
    }
    var data = readFeatures(element);
    if (!data || data.features.length === 0) {
      return;
    }
    var L = window.L;
    var fallback = element.querySelector("[data-map-fallback]");
    if (fallback) {
      fallback.parentNode.removeChild(fallback);
    }
    element.setAttribute("data-map-ready", "true");
    element.classList.add("campaign-map--live");
    var map = L.map(element, {
      renderer: L.svg(),
      scrollWheelZoom: false,
      keyboard: true,
      zoomControl: false,
      attributionControl: true
    });
    L.control
      .zoom({
        zoomInTitle: element.getAttribute("data-zoom-in") || "Zoom in",
        zoomOutTitle: element.getAttribute("data-zoom-out") || "Zoom out"
      })
      .addTo(map);
    addTiles(map, element);
    var drawn = L.geoJSON(data, {
      style: lineStyle,
      pointToLayer: pointMarker,
      onEachFeature: function (feature, layer) {
        var label = (feature.properties || {}).label;
        if (label) {
          layer.bindTooltip(String(label), { sticky: true });
          layer.bindPopup(document.createTextNode(String(label)));
        }
        layer.on("add", function () {
          mark(layer, feature);
        });
      }
    });
    drawn.addTo(map);
    var bounds = drawn.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 18 });
    } else {
      map.setView([16, 106], 5);
    }
    // Layers are added before the view is set; mark them again now that they are drawn.
    drawn.eachLayer(function (layer) {
      mark(layer, layer.feature);
      addName(map, layer);
    });
    var legend = document.querySelector('[data-map-legend="' + element.id + '"]');
    if (legend) {
      legend.hidden = false;
    }
    // The container is the focus stop for the keyboard (arrows pan, + and - zoom).
    element.setAttribute("tabindex", "0");
    element.setAttribute("role", "region");
    if (element.getAttribute("data-label")) {
      element.setAttribute("aria-label", element.getAttribute("data-label"));
    }
  }

  function start() {
    var elements = document.querySelectorAll("[data-campaign-map]");
    for (var i = 0; i < elements.length; i++) {
      init(elements[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
