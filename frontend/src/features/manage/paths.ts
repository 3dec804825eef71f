/** The manager's screens (French public paths). */
export const managePaths = {
  day: "/gestion",
  place: "/gestion/lieu",
  calendar: "/gestion/calendrier",
  rules: "/gestion/regles",
} as const;
