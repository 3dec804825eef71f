/** Texts of an e-invoice's status with the accredited platform (namespace "einvoiceStatus"). */
export const fr = {
  column: "Facture électronique",
  pending: "En attente de transmission",
  submitted: "Transmise à la plateforme",
  failed: "Échec de transmission",
  none: "Non transmise par Ostal",
  lifecycle: {
    "200": "Déposée",
    "201": "Émise par la plateforme",
    "202": "Reçue par la plateforme",
    "203": "Mise à disposition",
    "204": "Prise en charge",
    "205": "Approuvée",
    "206": "Approuvée partiellement",
    "207": "En litige",
    "208": "Suspendue",
    "209": "Complétée",
    "210": "Refusée",
    "211": "Paiement transmis",
    "212": "Encaissée",
    "213": "Rejetée",
  },
};

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

export const en: Texts<typeof fr> = {
  column: "E-invoice",
  pending: "Waiting to be transmitted",
  submitted: "Transmitted to the platform",
  failed: "Transmission failed",
  none: "Not transmitted by Ostal",
  lifecycle: {
    "200": "Filed",
    "201": "Issued by the platform",
    "202": "Received by the platform",
    "203": "Made available",
    "204": "Taken over",
    "205": "Approved",
    "206": "Partly approved",
    "207": "Disputed",
    "208": "Suspended",
    "209": "Completed",
    "210": "Refused",
    "211": "Payment sent",
    "212": "Cashed",
    "213": "Rejected",
  },
};
