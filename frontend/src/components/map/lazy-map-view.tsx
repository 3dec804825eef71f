import { lazy, Suspense } from "react";
import { Loading } from "@/components/ui/status";
import type { MapViewProps } from "./map-view";

const MapView = lazy(() => import("./map-view"));

/** Leaflet is loaded on demand, so the list and the rest of the page never wait for it. */
export function LazyMapView(props: MapViewProps) {
  return (
    <Suspense fallback={<Loading />}>
      <MapView {...props} />
    </Suspense>
  );
}
