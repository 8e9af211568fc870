// The street map beneath the outlines, from the tile server set in Settings → Site
// (the page names it in data attributes; without one the map shows outlines only).
export function addStreetTiles(L, map, container) {
  const url = container.dataset.tileUrl
  if (!url) return null
  // Leaflet writes an attribution as HTML: the admin's words go in as text.
  const escaped = document.createElement('span')
  escaped.textContent = container.dataset.tileAttribution || ''
  L.control.attribution({ prefix: false }).addTo(map)
  return L.tileLayer(url, {
    attribution: escaped.innerHTML,
    maxZoom: 19,
    // Streets are context; the outlines drawn above them carry the meaning.
    className: 'beacon-map-tiles',
  }).addTo(map)
}
