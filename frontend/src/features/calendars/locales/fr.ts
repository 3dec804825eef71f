/** French texts of the calendars feature (the reference: English mirrors these keys). */
const fr = {
  nav: {
    myAgenda: "Mon agenda",
  },
  copy: {
    copy: "Copier",
    copied: "Copié",
    failed: "Copie impossible : sélectionnez l'adresse et copiez-la.",
  },
  agenda: {
    title: "Mon agenda",
    intro:
      "Abonnez votre agenda (Google, Outlook, Apple, Thunderbird) à toutes vos réservations dans le réseau : les nouvelles, les changements et les annulations y apparaissent d'elles-mêmes.",
    loginRequired: "Connectez-vous pour abonner votre agenda.",
    loading: "Chargement de votre abonnement…",
    none: "Vous n'avez pas encore d'adresse d'abonnement.",
    create: "Créer mon adresse d'abonnement",
    creating: "Création…",
    active: "Abonnement actif, créé le {{date}}.",
    lastUsed: "Dernière lecture par un agenda : {{date}}.",
    neverUsed: "Aucun agenda ne l'a encore lue.",
    hiddenAddress:
      "Pour votre sécurité, l'adresse n'est montrée qu'une fois. Perdue ? Générez-en une nouvelle : l'ancienne cessera de fonctionner.",
    regenerate: "Générer une nouvelle adresse",
    regenerateConfirm:
      "L'adresse actuelle cessera de fonctionner tout de suite : les agendas abonnés devront utiliser la nouvelle. Continuer ?",
    revoke: "Supprimer l'abonnement",
    revokeConfirm:
      "L'adresse cessera de fonctionner tout de suite et vos agendas ne recevront plus vos réservations. Supprimer l'abonnement ?",
    revoked: "Abonnement supprimé : l'adresse ne fonctionne plus.",
    confirm: "Confirmer",
    cancel: "Annuler",
    downloadHint:
      "Pour une seule réservation, utilisez « Ajouter à mon agenda » dans Mes réservations.",
    myBookingsLink: "Mes réservations",
  },
  links: {
    title: "Votre adresse d'abonnement",
    secret:
      "Gardez-la pour vous : quiconque la connaît voit les réservations qu'elle contient. Elle n'est affichée que maintenant.",
    webcal: "Lien d'abonnement (webcal://)",
    https: "Adresse https",
    subscribe: "S'abonner dans mon agenda",
    howTo: "Comment s'abonner",
    google:
      "Google Agenda (sur ordinateur) : « Autres agendas » → « + » → « À partir de l'URL », collez l'adresse https, puis « Ajouter l'agenda ». Google la relit toutes les quelques heures.",
    outlook:
      "Outlook : « Ajouter un calendrier » → « S'abonner à partir du web », collez l'adresse https, donnez un nom, puis « Importer ».",
    apple:
      "Apple Calendrier (Mac, iPhone) : touchez le lien webcal://, ou « Fichier » → « Nouvel abonnement à un calendrier » et collez l'adresse.",
    thunderbird:
      "Thunderbird : « Nouvel agenda » → « Sur le réseau », collez l'adresse https, puis « Rechercher des agendas » et « S'abonner ».",
  },
  manage: {
    title: "Agendas du lieu",
    back: "Retour à la gestion",
    linkFromManage: "Agendas : abonnements et calendriers importés",
    place: "Lieu",
    feedsTitle: "S'abonner à l'occupation",
    feedsIntro:
      "Une adresse privée par lieu ou par ressource : votre agenda montre les réservations (prénom et initiale des personnes, jamais leur e-mail).",
    wholePlace: "Tout le lieu",
    target: "Pour",
    createFeed: "Créer une adresse",
    feedList: "Vos adresses pour ce lieu",
    noFeeds: "Aucune adresse pour ce lieu.",
    externalTitle: "Calendriers importés",
    externalIntro:
      "Ostal importe ces calendriers toutes les 15 minutes comme des créneaux bloqués (réservations faites ailleurs, fermetures de la mairie…).",
    noExternal: "Aucun calendrier importé pour ce lieu.",
    add: "Ajouter un calendrier",
    name: "Nom",
    url: "Adresse du fichier .ics (https:// ou webcal://)",
    resource: "Bloque",
    save: "Enregistrer",
    edit: "Modifier",
    delete: "Supprimer",
    deleteConfirm: "Ne plus importer « {{name}} » et retirer tous les créneaux qu'il a bloqués ?",
    deleted: "Calendrier supprimé.",
    importNow: "Importer maintenant",
    importing: "Import en cours…",
    status: "État",
    lastImport: "Dernier import réussi : {{date}}.",
    lastAttempt: "Dernière tentative : {{date}}.",
    neverImported: "Pas encore importé : il le sera dans les prochaines minutes.",
    events: "{{count}} événement(s) importé(s).",
    problems: "Événements non importés",
    statuses: {
      never: "En attente",
      ok: "Importé",
      partial: "Importé en partie",
      error: "Échec",
    },
  },
} as const;

export default fr;
