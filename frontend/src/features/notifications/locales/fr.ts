/** French texts of the notification settings (namespace "notifications"); en.ts has the same keys. */
const fr = {
  title: "Mes e-mails et rappels",
  intro:
    "Choisissez les e-mails facultatifs que vous recevez et quand vous êtes rappelé·e de vos réservations.",
  always:
    "Les e-mails sur vos propres réservations, paiements et offres de la liste d’attente (confirmation, modification, annulation, absence, offre expirée) sont toujours envoyés.",
  loginRequired: "Connectez-vous pour choisir vos e-mails.",
  login: "Se connecter",
  reminders: {
    legend: "Rappels de réservation",
    enabled: "M’envoyer un rappel avant chaque réservation",
    dayLegend: "Réservations à la journée ou à la demi-journée",
    eveningBefore: "La veille à 18 h (heure du lieu)",
    hoursBefore: "Quelques heures avant le début",
    hours: "Nombre d’heures avant le début",
    hoursHint: "Entre 1 et 168 heures (une semaine).",
    roomMinutes: "Salles et créneaux horaires : minutes avant le début",
    roomMinutesHint: "Entre 5 et 2 880 minutes (deux jours). Par défaut : 60.",
  },
  others: {
    legend: "Autres e-mails",
    creditsExpiring: "Mes crédits vont bientôt expirer",
    renewalUpcoming: "Mon abonnement va être renouvelé",
    adminSummaries: "Résumé quotidien du rapprochement des paiements (équipe du réseau)",
  },
  save: "Enregistrer mes choix",
  saving: "Enregistrement…",
  saved: "Vos choix sont enregistrés. Les rappels déjà prévus suivent le nouveau délai.",
  backToAccount: "Retour à mon compte",
};

export default fr;
export type NotificationsTranslation = typeof fr;
