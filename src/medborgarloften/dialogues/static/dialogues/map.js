/* The map of comments and observations: a progressive enhancement of the list grouped by place.
 *
 * The server renders the list; when a tile server is configured, the list
 * carries its points in data-map-points (JSON), and this script draws them
 * on a Leaflet map above it. Each point links to its place in the list, so
 * the list stays the one source of the content. Without JavaScript, or
 * without a tile server, the page is the list alone.
 */
(function () {
  "use strict";

  function popup(point, texts) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = point.name;
    box.appendChild(title);
    var counts = [];
    if (point.comments) { counts.push(point.comments + " " + (point.comments === 1 ? texts.comment : texts.comments)); }
    if (point.observations) { counts.push(point.observations + " " + (point.observations === 1 ? texts.observation : texts.observations)); }
    if (counts.length) {
      var line = document.createElement("p");
      line.textContent = counts.join(", ");
      box.appendChild(line);
    }
    var link = document.createElement("a");
    link.href = "#" + point.anchor;
    link.textContent = texts.show;
    box.appendChild(link);
    return box;
  }

  function draw(list) {
    var points;
    try {
      points = JSON.parse(list.getAttribute("data-map-points"));
    } catch (error) {
      return;
    }
    if (!window.L || !points.length) { return; }
    var texts = {
      comment: list.getAttribute("data-text-comment") || "comment",
      comments: list.getAttribute("data-text-comments") || "comments",
      observation: list.getAttribute("data-text-observation") || "observation",
      observations: list.getAttribute("data-text-observations") || "observations",
      show: list.getAttribute("data-text-show") || "Show in the list"
    };
    var container = document.createElement("div");
    container.className = "dialogues-map";
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", list.getAttribute("data-map-label") || "Map");
    list.parentNode.insertBefore(container, list);

    var map = window.L.map(container, { scrollWheelZoom: false });
    window.L.tileLayer(list.getAttribute("data-map-tiles"), {
      maxZoom: 18,
      attribution: list.getAttribute("data-map-attribution") || ""
    }).addTo(map);
    var bounds = [];
    points.forEach(function (point) {
      var observed = point.observations && !point.comments;
      window.L.circleMarker([point.lat, point.lon], {
        radius: Math.min(6 + Math.sqrt(point.comments + point.observations) * 2, 18),
        color: observed ? "#8a4b00" : "#0b4f8a",
        weight: 2,
        fillOpacity: 0.35
      }).bindPopup(popup(point, texts)).addTo(map);
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], 15);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    }
  }

  function start() {
    var lists = document.querySelectorAll(".place-groups[data-map-points]");
    for (var i = 0; i < lists.length; i += 1) { draw(lists[i]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
