/** French texts of the account deletion (namespace "accountErasure"); en.ts has the same keys. */
const fr = {
  title: "Supprimer mon compte",
  intro:
    "Vos données personnelles seront effacées : nom, adresses e-mail, trajet déclaré, flux de calendrier, préférences, notifications et exports. Ce que la loi oblige à garder 10 ans (factures, paiements, crédits, réservations passées) est conservé sous un pseudonyme, sans votre nom ni votre adresse. Votre employeur, s’il y a lieu, voit que vous êtes parti(e). Un e-mail vous le confirme. C’est définitif.",
  privacyLink: "Ce que nous conservons et pourquoi",
  refused: "Votre compte ne peut pas être supprimé pour l’instant :",
  password: "Votre mot de passe, pour confirmer",
  confirm: "Je comprends que c’est définitif",
  submit: "Supprimer définitivement mon compte",
  deleting: "Suppression en cours…",
  done: "Votre compte est supprimé. Un e-mail de confirmation a été envoyé à votre ancienne adresse.",
};

export default fr;
