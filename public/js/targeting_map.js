// The targeting map: district outlines (over the street map when Settings → Site names a tile
// server) and Leaflet-Geoman to draw one polygon or circle.
// The drawn shape goes into the hidden "shape" field as JSON; the server checks it again.
// Without JavaScript the page explains that drawing needs it, and the area list works as before.
import { addStreetTiles } from './map_tiles.js'
const container = document.getElementById('targeting-map')
const input = document.getElementById('shape-input')
const description = document.getElementById('shape-description')
const L = window.L

const round = (value) => Number(value.toFixed(6))

function describe(shape) {
  if (!shape) return 'No area has been drawn.'
  if (shape.type === 'circle') {
    const radius =
      shape.radiusMetres >= 1000
        ? `${Number((shape.radiusMetres / 1000).toFixed(1))} km`
        : `${shape.radiusMetres} metres`
    return `Drawn: a circle of ${radius} radius.`
  }
  return `Drawn: a shape with ${shape.coordinates.length} corners.`
}

function shapeOf(layer) {
  if (!layer) return null
  if (layer instanceof L.Circle) {
    const centre = layer.getLatLng()
    return {
      type: 'circle',
      center: [round(centre.lng), round(centre.lat)],
      radiusMetres: Math.round(layer.getRadius()),
    }
  }
  const ring = layer.getLatLngs()[0] ?? []
  return { type: 'polygon', coordinates: ring.map((point) => [round(point.lng), round(point.lat)]) }
}

function layerOf(shape) {
  if (shape?.type === 'circle') {
    return L.circle([shape.center[1], shape.center[0]], { radius: shape.radiusMetres })
  }
  if (shape?.type === 'polygon') {
    return L.polygon(shape.coordinates.map(([lng, lat]) => [lat, lng]))
  }
  return null
}

function saved() {
  try {
    return input.value ? JSON.parse(input.value) : null
  } catch {
    return null
  }
}

async function start() {
  const response = await fetch(container.dataset.outlinesUrl, {
    headers: { Accept: 'application/geo+json' },
  })
  if (!response.ok) return
  const outlines = await response.json()
  const districts = outlines.features.filter((feature) => feature.properties.level === 'district')

  document.getElementById('targeting-map-unavailable').hidden = true
  document.getElementById('targeting-map-tools').hidden = false

  const map = L.map(container, { attributionControl: false, zoomSnap: 0.5 })
  addStreetTiles(L, map, container)
  const outlineLayer = L.geoJSON(
    { type: 'FeatureCollection', features: districts },
    {
      pmIgnore: true,
      interactive: false,
      style: { color: '#0b0c0c', weight: 2, fillColor: '#1d70b8', fillOpacity: 0.04 },
    }
  ).addTo(map)
  if (districts.length) map.fitBounds(outlineLayer.getBounds(), { padding: [24, 24] })
  else map.setView([53.0, -0.3], 8)

  map.pm.addControls({
    position: 'topleft',
    drawMarker: false,
    drawCircleMarker: false,
    drawPolyline: false,
    drawRectangle: false,
    drawText: false,
    cutPolygon: false,
    rotateMode: false,
    dragMode: false,
    drawPolygon: true,
    drawCircle: true,
    editMode: true,
    removalMode: true,
  })
  map.pm.setGlobalOptions({ allowSelfIntersection: false, snappable: false })
  // Geoman puts each tool's name on the box around its button; screen readers need it on the button.
  for (const box of container.querySelectorAll('.button-container[title]')) {
    box
      .querySelector('.leaflet-buttons-control-button')
      ?.setAttribute('aria-label', box.getAttribute('title'))
  }

  let drawn = null
  function store() {
    const shape = shapeOf(drawn)
    input.value = shape ? JSON.stringify(shape) : ''
    description.textContent = describe(shape)
    input.dispatchEvent(new Event('change', { bubbles: true }))
  }
  function keep(layer) {
    if (drawn && drawn !== layer) drawn.remove()
    drawn = layer
    layer.on('pm:edit', store)
  }

  const existing = layerOf(saved())
  if (existing) {
    keep(existing.addTo(map))
    map.fitBounds(existing.getBounds(), { maxZoom: 14 })
  }

  map.on('pm:create', ({ layer }) => {
    keep(layer)
    store()
  })
  map.on('pm:remove', ({ layer }) => {
    if (layer === drawn) {
      drawn = null
      store()
    }
  })
  document.getElementById('shape-clear').addEventListener('click', () => {
    drawn?.remove()
    drawn = null
    store()
  })
}

if (container && input && L?.PM) start()
