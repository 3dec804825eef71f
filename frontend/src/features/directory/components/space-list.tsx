import type { SpaceListItem } from "@/lib/api/types";
import { SpaceCard } from "./space-card";

export function SpaceList({ spaces }: { spaces: SpaceListItem[] }) {
  if (spaces.length === 0) return null;
  return (
    <ul className="space-list">
      {spaces.map((space) => (
        <li key={space.id}>
          <SpaceCard space={space} />
        </li>
      ))}
    </ul>
  );
}
