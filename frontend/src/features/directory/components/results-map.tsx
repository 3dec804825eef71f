import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LazyMapView } from "@/components/map/lazy-map-view";
import type { MapMarker } from "@/components/map/map-view";
import type { SpaceListItem } from "@/lib/api/types";
import { spacePath } from "../paths";

export function ResultsMap({ spaces, id }: { spaces: SpaceListItem[]; id?: string }) {
  const { t } = useTranslation();
  const markers = useMemo<MapMarker[]>(
    () =>
      spaces.map((space) => ({
        id: space.id,
        position: [Number(space.latitude), Number(space.longitude)],
        title: space.name,
        popup: (
          <div className="map-popup">
            <p className="map-popup-title">
              <Link to={spacePath(space.slug)}>{space.name}</Link>
            </p>
            <p>
              {t(`kind.${space.kind}`)} · {space.commune.name}
            </p>
          </div>
        ),
      })),
    [spaces, t],
  );
  return (
    <div id={id} className="results-map">
      <p className="visually-hidden">{t("directory.mapAlternative")}</p>
      <LazyMapView markers={markers} label={t("directory.mapLabel")} />
    </div>
  );
}
