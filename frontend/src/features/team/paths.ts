/** The feature's pages (French public paths; the invitation link is fixed by the backend). */
export const teamPaths = {
  teams: "/equipe",
  team: "/equipe/:operatorId",
  invitation: "/invitation-equipe/:token",
  frontDesk: "/accueil",
} as const;

export const teamPath = (operatorId: number) => `/equipe/${operatorId}`;
