/** French texts of the privacy page (namespace "privacy"), from docs/privacy.md; en.ts has the
 * same keys. Keep both in step with the register when a processing changes. */
const fr = {
  link: "Confidentialité",
  title: "Confidentialité et données personnelles",
  intro:
    "Le réseau des tiers-lieux d’Occitanie, qui exploite Ostal, est responsable des traitements ci-dessous ; chaque structure est responsable de ce que ses gestionnaires font des réservations de ses lieux. Voici, pour chaque traitement, les données, la finalité, la base légale, la durée de conservation et qui y a accès.",
  registerCaption: "Registre des traitements",
  columns: {
    processing: "Traitement",
    data: "Données",
    purpose: "Finalité",
    basis: "Base légale",
    retention: "Conservation",
    who: "Qui les voit",
  },
  rows: {
    accounts: {
      processing: "Comptes",
      data: "e-mail, nom, langue, mot de passe chiffré, dates d’inscription et de connexion",
      purpose: "se connecter, être contacté au sujet des réservations",
      basis: "contrat",
      retention:
        "tant que le compte existe ; une adresse jamais vérifiée ni utilisée : supprimée après 30 jours",
      who: "vous ; l’équipe du réseau (assistance)",
    },
    bookings: {
      processing: "Réservations",
      data: "lieu, poste ou salle, horaires, statut, présence",
      purpose: "fournir le service, gérer les capacités",
      basis: "contrat",
      retention: "10 ans si facturées (comptabilité), sinon avec le compte",
      who: "vous ; les gestionnaires du lieu ; votre employeur : jours et service seulement, jamais le lieu ni la date",
    },
    money: {
      processing: "Paiements, factures, remboursements, crédits, reversements",
      data: "montants, moyen de paiement (identifiants Stripe), identité de l’acheteur sur les factures",
      purpose: "payer, facturer, tenir le compte des crédits",
      basis: "obligation légale (Code de commerce L123-22, CGI)",
      retention: "10 ans",
      who: "vous ; les gestionnaires de la structure vendeuse ; l’équipe du réseau",
    },
    employer: {
      processing: "Lien avec l’employeur",
      data: "employeur, centre de coût, statut, dates ; jours, crédits et coût pris en charge par mois",
      purpose: "que l’employeur paie les jours de ses salariés",
      basis: "contrat (salarié) ; intérêt légitime (employeur)",
      retention:
        "pendant l’emploi, puis avec les jours facturés (10 ans) ; invitation jamais acceptée : 90 jours",
      who: "vous ; les administrateurs de l’employeur (par salarié : jours, crédits, coût)",
    },
    commute: {
      processing: "Trajet déclaré",
      data: "communes de domicile et de travail habituel (jamais une adresse)",
      purpose: "trajets et CO₂ évités, règles de distance des employeurs",
      basis: "consentement (retirable à tout moment)",
      retention: "jusqu’à son retrait, ou 13 mois sans réservation",
      who: "personne individuellement : publié seulement en agrégats d’au moins 5 personnes",
    },
    feeds: {
      processing: "Flux de calendrier",
      data: "type de flux, empreinte du jeton",
      purpose: "s’abonner à ses réservations",
      basis: "contrat",
      retention: "jusqu’à révocation ou suppression du compte",
      who: "vous",
    },
    notifications: {
      processing: "Notifications",
      data: "type, réservation concernée, état d’envoi",
      purpose: "confirmations, rappels, avis de facturation",
      basis: "contrat",
      retention: "13 mois après l’envoi",
      who: "vous",
    },
    searches: {
      processing: "Recherches sans résultat",
      data: "département, type et date recherchés (ni compte ni adresse IP)",
      purpose: "statistiques du réseau (demande non satisfaite)",
      basis: "intérêt légitime",
      retention: "25 mois",
      who: "l’équipe du réseau, en agrégats",
    },
    figures: {
      processing: "Chiffres publiés",
      data: "agrégats : groupes d’au moins 5 personnes, bruit ajouté",
      purpose: "observatoire, RSE des employeurs, données ouvertes",
      basis: "intérêt légitime ; mission du réseau",
      retention: "les mois publiés sont conservés",
      who: "l’équipe du réseau, les employeurs (leurs salariés), le public",
    },
    exports: {
      processing: "Exports de vos données",
      data: "une copie de tout ce qui précède",
      purpose: "droit d’accès et de portabilité (art. 15 et 20)",
      basis: "obligation légale",
      retention: "7 jours après sa préparation",
      who: "vous seul(e)",
    },
    audit: {
      processing: "Journal des modifications",
      data: "qui (compte), quand, d’où (adresse IP), ce qui a changé sur les prix, règles, lieux, rôles, remboursements, factures, reversements, crédits, politiques employeur",
      purpose: "rendre compte, retrouver une erreur ou une fraude",
      basis: "intérêt légitime ; obligation légale pour l’argent",
      retention: "10 ans, sans modification possible ; l’adresse IP effacée après 1 an",
      who: "l’équipe du réseau (avec les adresses) ; les gestionnaires d’une structure (ses entrées, sans adresse)",
    },
    logs: {
      processing: "Journaux techniques",
      data: "identifiant de requête, chemin, statut (aucun contenu)",
      purpose: "faire fonctionner et sécuriser le service",
      basis: "intérêt légitime",
      retention: "selon la rotation de l’hébergement",
      who: "les exploitants de la plateforme",
    },
  },
  rightsTitle: "Vos droits",
  rights: {
    access:
      "Accès et portabilité : depuis votre compte, « Mes données » prépare un fichier de tout ce que nous conservons sur vous.",
    rectification: "Rectification : votre profil et votre trajet se modifient depuis votre compte.",
    consent: "Retrait du consentement : votre trajet déclaré se supprime à tout moment.",
    erasure:
      "Effacement : « Supprimer mon compte », depuis « Mes données ». Ce que la loi oblige à garder est conservé sous un pseudonyme.",
    recipients:
      "Destinataires : Stripe (paiements) et notre prestataire d’e-mails, comme sous-traitants ; aucun autre transfert.",
    complaint:
      "Réclamation : vous pouvez saisir la CNIL (www.cnil.fr) si vous estimez que vos droits ne sont pas respectés.",
  },
  myData: "Mes données",
};

export default fr;
