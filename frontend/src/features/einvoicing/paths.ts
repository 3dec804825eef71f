/** The manager's « Facturation électronique » pages (French public paths). Operator 0 is the
 * network's own documents (network staff only). */
export const einvoicingPaths = {
  home: "/facturation-electronique",
  operator: "/facturation-electronique/:operatorId",
} as const;

export const einvoicingPath = (operatorId: number) => `/facturation-electronique/${operatorId}`;
