// The sign-up map: the areas' outlines, over the street map when Settings → Site names a tile
// server, and a pin where the resident clicks.
// Without JavaScript the page offers the postcode and the ward list instead.
import { addStreetTiles } from './map_tiles.js'
const container = document.getElementById('location-map')
const L = window.L

function ringContains(ring, [lng, lat]) {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

// Only to tell the resident where the pin is; the server decides where they are placed.
function contains(geometry, point) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  return polygons.some(
    ([outer, ...holes]) =>
      ringContains(outer, point) && !holes.some((hole) => ringContains(hole, point))
  )
}

function areasAt(features, latlng) {
  const point = [latlng.lng, latlng.lat]
  return features.filter((feature) => contains(feature.geometry, point))
}

function describe(found) {
  const ward = found.find((feature) => feature.properties.level === 'ward')
  if (ward) return `Your pin is in ${ward.properties.name} ward, ${ward.properties.parent}.`
  if (found.length) return `Your pin is in ${found[0].properties.name}.`
  return 'Your pin is outside the areas we send alerts to. Put it inside one of the outlines.'
}

async function start() {
  const form = document.getElementById('map-form')
  const choice = document.getElementById('map-choice')
  const latField = document.getElementById('lat')
  const lngField = document.getElementById('lng')

  const response = await fetch(container.dataset.outlinesUrl, {
    headers: { Accept: 'application/geo+json' },
  })
  if (!response.ok) return
  const outlines = await response.json()
  if (!outlines.features.length) return

  document.getElementById('map-unavailable').hidden = true
  form.hidden = false

  const map = L.map(container, { attributionControl: false, zoomSnap: 0.5 })
  addStreetTiles(L, map, container)
  const layer = L.geoJSON(outlines, {
    style: (feature) =>
      feature.properties.level === 'district'
        ? { color: '#0b0c0c', weight: 3, fill: false, interactive: false }
        : { color: '#1d70b8', weight: 1, fillColor: '#1d70b8', fillOpacity: 0.08 },
    onEachFeature: (feature, path) => {
      const { name, parent, code } = feature.properties
      if (feature.properties.level !== 'district') {
        path.bindTooltip(parent ? `${name} (${parent})` : name, { sticky: true })
      }
      path.on('add', () => path.getElement()?.setAttribute('data-area-code', code))
    },
  }).addTo(map)
  map.fitBounds(layer.getBounds())

  let pin = null
  function place(latlng) {
    latField.value = latlng.lat.toFixed(6)
    lngField.value = latlng.lng.toFixed(6)
    if (pin) pin.setLatLng(latlng)
    else {
      pin = L.circleMarker(latlng, {
        radius: 9,
        color: '#ffffff',
        weight: 3,
        fillColor: '#d4351c',
        fillOpacity: 1,
        interactive: false,
      }).addTo(map)
    }
    choice.textContent = describe(areasAt(outlines.features, latlng))
  }

  const [savedLat, savedLng] = [container.dataset.lat, container.dataset.lng].map((value) =>
    value ? Number(value) : NaN
  )
  if (Number.isFinite(savedLat) && Number.isFinite(savedLng)) {
    const saved = L.latLng(savedLat, savedLng)
    place(saved)
    // Zoomed in on a home the resident chose before; a refused point keeps the whole map in view.
    if (areasAt(outlines.features, saved).length) map.setView(saved, Math.max(map.getZoom(), 13))
  } else {
    latField.value = ''
    lngField.value = ''
  }
  map.on('click', (event) => place(event.latlng))
  document.getElementById('map-centre').addEventListener('click', () => place(map.getCenter()))
}

if (container && L) start()
