/* Baytak web map runtime: styles, popups, legend, shoreline year slider, click-to-select.
 *
 * Our own small script instead of Leaflet plugins, because a plugin would come from a CDN and the map
 * must work with no network. folium builds the map and one L.geoJson per layer; each feature is passed
 * to baytakWebmap.bind() (onEachFeature), and baytakWebmap.start() runs once every layer is added.
 * Values reach the page as data and are put into the DOM with textContent, never as HTML.
 */
(function () {
  "use strict";
  var layers = {};      // name -> {config, features: [leaflet layers], group}
  var byUuid = {};      // "layer/uuid" -> leaflet layer
  var places = [];      // leaflet layers of the basemap's towns, with feature.properties.z (label zoom)
  var shorelines = [];  // leaflet layers of the shorelines layer, with feature.properties.y (year), .w (water body)
  var map = null;
  var config = null;
  var state = {year: null, caption: null, areas: null, timer: null, input: null, stops: null};  // the year slider

  function fmt(value, decimals) {
    // Numbers as the page's language writes them (1 944,85 in Kazakh and Russian), not as the browser's
    // locale data happens to know them: Chromium has no Kazakh number format.
    var fixed = Number(value).toFixed(decimals || 0).split(".");
    var whole = fixed[0].replace(/\B(?=(\d{3})+(?!\d))/g, config.number.group);
    return fixed.length > 1 ? whole + config.number.decimal + fixed[1] : whole;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function symbolFor(layerConfig, value) {
    var style = layerConfig.style;
    if (style.kind === "categorized" && Object.prototype.hasOwnProperty.call(style.categories, value)) {
      return style.categories[value];
    }
    return style.symbol;
  }

  function pathOptions(layerConfig, feature) {
    var symbol = symbolFor(layerConfig, feature.properties.c);
    var opacity = layerConfig.style.opacity;
    var type = feature.geometry && feature.geometry.type;
    var point = type === "Point";
    var line = type === "LineString" || type === "MultiLineString";  // a line has no inside to fill
    return {
      color: symbol.stroke, weight: symbol.stroke_width, opacity: opacity, dashArray: symbol.dash_array || null,
      lineCap: symbol.dash_array ? "butt" : "round",
      fill: !line && (point || symbol.fill_alpha > 0), fillColor: symbol.fill,
      fillOpacity: point ? opacity : symbol.fill_alpha * opacity,
      radius: symbol.size / 2
    };
  }

  function popupContent(layerConfig, feature) {
    var props = feature.properties;
    var box = el("div", "baytak-popup");
    box.appendChild(el("div", "baytak-popup-layer", layerConfig.title));
    box.appendChild(el("div", "baytak-popup-title", props.t || ""));
    var table = el("table");
    layerConfig.fields.forEach(function (label, i) {
      var value = props.v[i];
      if (value === null || value === undefined || value === "") { return; }
      var row = el("tr");
      row.appendChild(el("th", null, label));
      row.appendChild(el("td", null, value));
      table.appendChild(row);
    });
    box.appendChild(table);
    (props.ph || []).forEach(function (uri) {
      var img = el("img", "baytak-thumb");
      img.alt = config.texts.photo;
      img.src = uri;  // a data: URI made from the stored photo, never a link
      box.appendChild(img);
    });
    return box;
  }

  function select(name, uuid) {
    // Inside the app the page is served as baytak://webmap/...; the app intercepts this navigation and
    // selects the feature. Opened from a file in a browser, a click only opens the popup.
    if (window.location.protocol === "baytak:") {
      window.location.href = "baytak://select/" + encodeURIComponent(name) + "/" + encodeURIComponent(uuid);
    }
  }

  function bind(name, feature, layer) {
    var layerConfig = config.layers[name];
    if (!layers[name]) { layers[name] = {features: []}; }
    layers[name].features.push(layer);
    byUuid[name + "/" + feature.properties.u] = layer;
    if (layer.setStyle) { layer.setStyle(pathOptions(layerConfig, feature)); }
    layer.bindPopup(function () { return popupContent(layerConfig, feature); }, {maxWidth: 360, maxHeight: 340, autoPanPaddingTopLeft: L.point(60, 70)});
    if (feature.properties.t) { layer.bindTooltip(String(feature.properties.t)); }
    layer.on("click", function () { select(name, feature.properties.u); });
    if (name === "shorelines") { shorelines.push(layer); }
  }

  function bindPlace(feature, layer) {
    // Settlement names are read without hovering: a permanent label beside the dot, shown from the
    // place's label zoom (the capital and the biggest cities at every zoom, small towns up close).
    if (!feature.properties.name) { return; }
    layer.bindTooltip(String(feature.properties.name), {
      permanent: true, direction: "right", offset: L.point(4, 0), className: "baytak-place-label"
    });
    places.push(layer);
  }

  function overlaps(a, b) {
    return !(a.right < b.left || a.left > b.right || a.bottom < b.top || a.top > b.bottom);
  }

  function updatePlaceLabels() {
    // In place rank order (the towns come sorted): a name that would overlap one already shown is hidden,
    // so the capital and the big cities are never crowded out by small towns.
    var zoom = map.getZoom();
    var taken = [];
    places.forEach(function (l) {
      var wanted = zoom >= (l.feature.properties.z || 0) && map.hasLayer(l);
      if (!wanted) { if (l.isTooltipOpen()) { l.closeTooltip(); } return; }
      if (!l.isTooltipOpen()) { l.openTooltip(); }
      var node = l.getTooltip().getElement();
      if (!node) { return; }
      node.style.visibility = "";
      // where the label is at this zoom (the dot's container point, the label on its right), measured
      // from the map's own projection rather than the DOM, which may still be mid-animation
      var at = map.latLngToContainerPoint(l.getLatLng());
      var box = {left: at.x, right: at.x + node.offsetWidth + 6, top: at.y - node.offsetHeight / 2, bottom: at.y + node.offsetHeight / 2};
      if (taken.some(function (other) { return overlaps(box, other); })) {
        node.style.visibility = "hidden";
      } else {
        taken.push(box);
      }
    });
  }

  function localScale() {
    // Leaflet's scale says "km" and "m" in English: the same bar with the page language's units and digits.
    var scale = L.control.scale({imperial: false});
    scale._updateMetric = function (maxMeters) {
      var meters = this._getRoundNum(maxMeters);
      var label = meters < 1000
        ? fmt(meters, 0) + " " + config.texts.m
        : fmt(meters / 1000, 0) + " " + config.texts.km;
      this._updateScale(this._mScale, label, meters / maxMeters);
    };
    return scale;
  }

  function swatch(entry) {
    var node = el("span", "baytak-swatch baytak-swatch-" + entry.shape);
    var hollow = entry.shape === "line" || (entry.shape === "polygon" && entry.fill_alpha <= 0);
    node.style.background = hollow ? "transparent" : entry.fill;
    node.style.borderColor = entry.stroke;
    if (entry.shape === "line") {  // the line's width (capped as in the app's legend) and its pattern
      node.style.borderTopWidth = Math.min(Math.max(entry.stroke_width, 1), 5) + "px";
      node.style.borderTopStyle = {dash: "dashed", dot: "dotted", dashdot: "dashed"}[entry.dash] || "solid";
    }
    if (entry.shape === "polygon" && !hollow) {
      // the fill as drawn on the map (translucent), the outline at full strength
      node.style.background = "color-mix(in srgb, " + entry.fill + " " + Math.round(Math.max(entry.fill_alpha, 0.25) * 100) + "%, white)";
    }
    return node;
  }

  function legendControl() {
    var control = L.control({position: "bottomright"});
    control.onAdd = function () {
      var box = el("div", "baytak-legend leaflet-control");
      box.appendChild(el("div", "baytak-legend-title", config.texts.legend));
      config.legend.forEach(function (section) {
        var part = el("div", "baytak-legend-section");
        part.setAttribute("data-layer", section.layer);
        part.appendChild(el("div", "baytak-legend-layer", section.title));
        section.entries.forEach(function (entry) {
          var row = el("div", "baytak-legend-row");
          row.appendChild(swatch(entry));
          row.appendChild(el("span", null, entry.label));
          part.appendChild(row);
        });
        box.appendChild(part);
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    return control;
  }

  function years() {
    var seen = {};
    shorelines.forEach(function (l) { seen[l.feature.properties.y] = true; });
    return Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
  }

  function showYear(year) {
    // Per water body, the latest outline observed in or before ``year``; the others are hidden.
    var latest = {};
    shorelines.forEach(function (l) {
      var p = l.feature.properties;
      if (p.y <= year && (latest[p.w] === undefined || p.y > latest[p.w])) { latest[p.w] = p.y; }
    });
    var group = layers.shorelines.group;
    var lines = [];
    shorelines.forEach(function (l) {
      var p = l.feature.properties;
      var visible = latest[p.w] === p.y;
      if (visible && !group.hasLayer(l)) { group.addLayer(l); }
      if (!visible && group.hasLayer(l)) { group.removeLayer(l); }
      if (visible) { lines.push(p.wl + " " + p.y + ": " + fmt(p.a, 0) + " " + config.texts.km2); }
    });
    state.year = year;
    if (state.input && state.stops) { state.input.value = Math.max(0, state.stops.indexOf(year)); }
    if (state.caption) { state.caption.textContent = config.texts.year + " " + year; }
    if (state.areas) { state.areas.textContent = lines.join("\n"); }
  }

  function sliderControl(stops) {
    var control = L.control({position: "topleft"});
    control.onAdd = function () {
      var box = el("div", "baytak-slider leaflet-control");
      state.caption = el("div", "baytak-slider-year");
      var input = el("input");
      input.type = "range"; input.min = 0; input.max = stops.length - 1; input.step = 1;
      input.value = stops.length - 1;
      input.setAttribute("aria-label", config.texts.year);
      state.input = input;
      state.stops = stops;
      input.addEventListener("input", function () { showYear(stops[Number(input.value)]); });
      var play = el("button", "baytak-play", "\u25B6");
      play.title = config.texts.play;
      play.addEventListener("click", function () { animate(stops, input); });
      state.areas = el("div", "baytak-slider-areas");
      box.appendChild(state.caption);
      box.appendChild(input);
      box.appendChild(play);
      box.appendChild(state.areas);
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    return control;
  }

  function animate(stops, input) {
    if (state.timer) { clearInterval(state.timer); state.timer = null; return; }
    var index = 0;
    input.value = 0; showYear(stops[0]);
    state.timer = setInterval(function () {
      index += 1;
      if (index >= stops.length) { clearInterval(state.timer); state.timer = null; return; }
      input.value = index; showYear(stops[index]);
    }, 1200);
  }

  function followOverlays() {
    // The legend shows only the layers that are on the map.
    function toggle(event, shown) {
      var name = event.layer && event.layer.baytakLayer;
      var node = name && document.querySelector('.baytak-legend-section[data-layer="' + name + '"]');
      if (node) { node.style.display = shown ? "" : "none"; }
    }
    map.on("overlayadd", function (e) { toggle(e, true); });
    map.on("overlayremove", function (e) { toggle(e, false); });
  }

  function start(leafletMap, groups, pageConfig) {
    map = leafletMap;
    Object.keys(groups).forEach(function (name) {
      if (!layers[name]) { layers[name] = {features: []}; }
      layers[name].group = groups[name];
      groups[name].baytakLayer = name;
    });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(config.texts.attribution);
    if (config.title) {
      var heading = el("div", "baytak-title", config.title);
      map.getContainer().appendChild(heading);
      L.DomEvent.disableClickPropagation(heading);
    }
    localScale().addTo(map);
    map.on("zoomend resize", updatePlaceLabels);
    map.on("overlayadd", function () { setTimeout(updatePlaceLabels, 0); });  // the towns ticked on again
    map.whenReady(function () { setTimeout(updatePlaceLabels, 0); });  // once the opening view is set
    legendControl().addTo(map);
    followOverlays();
    var stops = years();
    if (stops.length > 0 && layers.shorelines && layers.shorelines.group) {
      sliderControl(stops).addTo(map);
      showYear(stops[stops.length - 1]);
    }
  }

  function stats() {
    var result = {total: 0, onMap: 0, layers: {}};
    Object.keys(layers).forEach(function (name) {
      var onMap = layers[name].features.filter(function (l) { return map.hasLayer(l); }).length;
      result.layers[name] = {total: layers[name].features.length, onMap: onMap};
      result.total += layers[name].features.length;
      result.onMap += onMap;
    });
    result.year = state.year;
    return result;
  }

  function focus(name, uuid) {
    var layer = byUuid[name + "/" + uuid];
    if (!layer || !map.hasLayer(layer)) { return false; }
    if (layer.getBounds) {
      map.fitBounds(layer.getBounds(), {maxZoom: 14, animate: false});
    } else {
      map.setView(layer.getLatLng(), Math.max(map.getZoom(), 12), {animate: false});
    }
    layer.openPopup();
    return true;
  }

  function click(name, uuid) {
    var layer = byUuid[name + "/" + uuid];
    if (!layer) { return false; }
    var where = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
    layer.fire("click", {latlng: where});
    return true;
  }

  window.baytakWebmap = {
    configure: function (pageConfig) { config = pageConfig; },
    bind: bind, bindPlace: bindPlace, start: start, stats: stats, showYear: showYear,
    focus: focus, click: click, years: years,
    placeLabels: function () {
      return places.filter(function (l) {
        return l.isTooltipOpen() && l.getTooltip().getElement().style.visibility !== "hidden";
      }).map(function (l) { return l.feature.properties.name; });
    }
  };
}());
