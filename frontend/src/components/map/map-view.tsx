import "leaflet/dist/leaflet.css";
import L, { type LatLngTuple } from "leaflet";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { MapContainer, Marker, Popup, TileLayer, useMap } from "react-leaflet";

export type MapMarker = {
  id: string | number;
  position: LatLngTuple;
  /** Accessible name of the marker (title attribute of its keyboard-focusable icon). */
  title: string;
  popup?: ReactNode;
};

export type MapViewProps = {
  markers: MapMarker[];
  /** Accessible name of the map region. */
  label: string;
  className?: string;
};

/** Centre of Occitanie, used before there is anything to show. */
const OCCITANIE_CENTER: LatLngTuple = [43.7, 2.4];

/**
 * A drawn pin (no image file), so markers show even when nothing but the app is reachable.
 */
const pinIcon = L.divIcon({
  className: "map-pin",
  html: '<span class="map-pin-shape" aria-hidden="true"></span>',
  iconSize: [26, 34],
  iconAnchor: [13, 34],
  popupAnchor: [0, -30],
});

function FitToMarkers({ positions }: { positions: LatLngTuple[] }) {
  const map = useMap();
  const signature = positions.map((p) => p.join(",")).join(";");
  useEffect(() => {
    if (positions.length === 0) return;
    if (positions.length === 1) {
      map.setView(positions[0] as LatLngTuple, 12, { animate: false });
    } else {
      // No animation: an animated zoom still running when the map unmounts makes Leaflet throw.
      map.fitBounds(L.latLngBounds(positions), { padding: [28, 28], maxZoom: 13, animate: false });
    }
    // The signature stands for the positions' content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, signature]);
  return null;
}

/**
 * A Leaflet map with OpenStreetMap tiles and one marker per item. When tiles cannot be
 * loaded (offline), markers and popups keep working and a note says so.
 */
export default function MapView({ markers, label, className }: MapViewProps) {
  const { t } = useTranslation();
  const [tilesFailed, setTilesFailed] = useState(false);
  const positions = useMemo(
    () =>
      markers
        .map((marker) => marker.position)
        .filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1])),
    [markers],
  );

  return (
    <div className={["map-view", className].filter(Boolean).join(" ")}>
      {tilesFailed ? <p className="map-note">{t("map.tilesUnavailable")}</p> : null}
      <div className="map-frame" role="region" aria-label={label}>
        <MapContainer
          center={OCCITANIE_CENTER}
          zoom={7}
          scrollWheelZoom={false}
          className="map-canvas"
        >
          <TileLayer
            url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
            attribution='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
            maxZoom={19}
            eventHandlers={{ tileerror: () => setTilesFailed(true) }}
          />
          {markers
            .filter((m) => Number.isFinite(m.position[0]) && Number.isFinite(m.position[1]))
            .map((marker) => (
              <Marker
                key={marker.id}
                position={marker.position}
                icon={pinIcon}
                title={marker.title}
                alt={marker.title}
                keyboard
              >
                {marker.popup ? <Popup>{marker.popup}</Popup> : null}
              </Marker>
            ))}
          <FitToMarkers positions={positions} />
        </MapContainer>
      </div>
    </div>
  );
}
