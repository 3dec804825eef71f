/** Textes des écrans « Facturation électronique » (espace de noms "einvoicing"). */
const fr = {
  nav: "Facturation électronique",
  chooseTitle: "Facturation électronique",
  title: "Facturation électronique — {{operator}}",
  networkTitle: "Facturation électronique — factures du réseau",
  chooseIntro: "Choisissez la structure dont vous gérez la facturation électronique.",
  networkOwn: "Les factures du réseau (pass, carnets réseau, employeurs)",
  noOperator: "Vous ne gérez aucune structure.",
  loginRequired: "Connectez-vous pour accéder à cette page.",
  login: "Se connecter",
  notAllowed: "Cette page est réservée aux gestionnaires de la structure et à l’équipe du réseau.",
  intro:
    "Depuis la réforme de la facturation électronique, les factures entre entreprises (et aux acheteurs publics) passent par une plateforme agréée, qui les dépose, les transmet à l’acheteur et renvoie leur statut. Ostal émet vos factures en votre nom ; avec votre mandat, le réseau les transmet aussi pour vous.",
  settings: {
    title: "Mandat et identifiant",
    siret: "SIRET de la structure : {{siret}}",
    noSiret: "Aucun SIRET enregistré : renseignez-le avant de donner mandat.",
    mandate:
      "Je donne mandat au réseau de transmettre nos factures aux entreprises à la plateforme agréée en notre nom",
    mandateHint:
      "S’applique aux factures émises à partir de maintenant. Les ventes aux particuliers ne sont pas concernées (elles relèvent de l’e-reporting).",
    mandateGiven: "Mandat donné le {{date}} par {{email}}.",
    noMandate:
      "Pas de mandat : vous transmettez vous-même vos factures (PDF Factur-X à télécharger ci-dessous).",
    identifier: "Identifiant dans l’annuaire (adresse de facturation électronique)",
    identifierHint:
      "Votre SIREN, éventuellement suivi de _SIRET ou _code de routage, tel que votre plateforme de réception l’a enregistré. Laissez vide pour utiliser le SIREN.",
    platform: "Plateforme agréée utilisée par le réseau : {{name}}",
    noPlatform:
      "Aucune plateforme agréée n’est encore configurée : les factures attendent dans la file et partiront dès qu’elle le sera.",
    save: "Enregistrer",
    saving: "Enregistrement…",
    saved: "Réglages enregistrés.",
  },
  list: {
    title: "Factures transmises",
    intro:
      "Chaque facture aux entreprises transmise par Ostal, avec les statuts renvoyés par la plateforme.",
    filter: "Afficher",
    all: "Toutes",
    pending: "En attente de transmission",
    submitted: "Transmises",
    failed: "En échec",
    refused: "Refusées par l’acheteur",
    rejected: "Rejetées par la plateforme",
    none: "Aucune facture électronique pour l’instant.",
    caption: "Factures électroniques et leur statut",
    number: "Numéro",
    date: "Émise le",
    buyer: "Acheteur",
    total: "Montant TTC",
    status: "Statut",
    history: "Historique",
    historyOf: "Historique de {{number}}",
    creditNote: "avoir",
    attempts: "Tentatives : {{count}}",
    nextAttempt: "Nouvel essai le {{date}}",
    error: "Dernière erreur : {{error}}",
    retry: "Réessayer",
    retryOf: "Réessayer la transmission de {{number}}",
    retried: "{{number}} repart vers la plateforme.",
    pdf: "PDF",
    download: "Télécharger {{number}}",
    more: "Voir plus",
  },
};

export default fr;
