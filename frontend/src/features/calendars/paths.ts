/** The feature's pages (French public paths). */
export const calendarsPaths = {
  myAgenda: "/mon-agenda",
  manage: "/gestion/agendas",
} as const;
