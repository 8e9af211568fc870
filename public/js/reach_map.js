// Reports → Who we reach: a choropleth of the wards, shaded from the wards table below it, so the map
// says nothing the table does not. Without JavaScript (or Leaflet, or outlines) the table stands alone.
import { addStreetTiles } from './map_tiles.js'
const container = document.getElementById('reach-map')
const L = window.L

// Darker is less well reached; each step is said in the key.
const SHADES = [
  { below: 0.5, colour: '#0b0c0c', label: 'under half the average' },
  { below: 0.8, colour: '#505a5f', label: '0.5 to 0.8 of the average' },
  { below: 1.25, colour: '#b1b4b6', label: '0.8 to 1.25 of the average' },
  { below: Infinity, colour: '#f3f2f1', label: '1.25 times the average or more' },
]

function ratiosFromTable() {
  const table = document.getElementById(container.dataset.table)
  const ratios = new Map()
  for (const row of table.querySelectorAll('tbody tr[data-area-code]')) {
    const ratio = row.dataset.ratio === '' ? null : Number(row.dataset.ratio)
    ratios.set(row.dataset.areaCode, { ratio, name: row.querySelector('th').textContent })
  }
  return ratios
}

async function start() {
  if (!container || !L) return
  const response = await fetch(container.dataset.outlinesUrl, {
    headers: { Accept: 'application/geo+json' },
  })
  if (!response.ok) return
  const outlines = await response.json()
  const ratios = ratiosFromTable()
  const features = outlines.features.filter((feature) => ratios.has(feature.properties.code))
  if (!features.length) return
  container.hidden = false
  document.getElementById('reach-map-key').hidden = false

  const map = L.map(container, { attributionControl: false, zoomSnap: 0.5 })
  addStreetTiles(L, map, container)
  const layer = L.geoJSON(
    { type: 'FeatureCollection', features },
    {
      style: (feature) => {
        const { ratio } = ratios.get(feature.properties.code)
        if (ratio === null) {
          return {
            color: '#505a5f',
            weight: 1,
            fillColor: '#b1b4b6',
            fillOpacity: 0.3,
            dashArray: '4',
          }
        }
        const shade = SHADES.find((one) => ratio < one.below)
        return { color: '#0b0c0c', weight: 1, fillColor: shade.colour, fillOpacity: 0.7 }
      },
      onEachFeature: (feature, path) => {
        const { ratio, name } = ratios.get(feature.properties.code)
        path.bindTooltip(
          ratio === null ? `${name}: too few to say` : `${name}: ${ratio} of the average`,
          { sticky: true }
        )
        path.on('add', () => {
          const element = path.getElement()
          element?.setAttribute('data-area-code', feature.properties.code)
          element?.setAttribute('data-ratio', ratio === null ? '' : String(ratio))
        })
      },
    }
  ).addTo(map)
  map.fitBounds(layer.getBounds())
}

if (container && L) start()
