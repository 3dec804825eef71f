/** The feature's pages (French public paths). E-mails link to this one ("Gérer mes e-mails"). */
export const notificationsPaths = {
  preferences: "/compte/notifications",
} as const;
