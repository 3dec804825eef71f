/** French texts of the employee's side of the employer bundle (English mirrors these keys). */
const fr = {
  who: "Qui paie ?",
  byEmployer: "Payé par mon employeur ({{employer}})",
  byMe: "Je paie moi-même",
  alreadyPaid: "Cette réservation est déjà réglée.",
  checking: "Vérification de la prise en charge…",
  share: "{{employer}} paie {{percent}} % de cette réservation.",
  shareAll: "{{employer}} paie toute cette réservation.",
  myShare: "Votre part : {{share}}.",
  myShareCredits: "{{credits}} crédits",
  myShareCredits_one: "{{credits}} crédit",
  myShareMethod: "Payer ma part",
  myShareWithCredits: "Avec mes crédits",
  myShareByCard: "Par carte ({{amount}})",
  confirm: "Confirmer, payé par {{employer}}",
  payMyShare: "Payer ma part ({{amount}})",
  paying: "Paiement en cours…",
  refusedTitle: "Pas pris en charge par {{employer}}",
  notAllowed:
    "{{employer}} ne permet pas de réserver à vos frais au-delà de ce qu’il prend en charge.",
  cardFailed: "Le paiement de votre part a échoué.",
  panelTitle: "Mon employeur",
  panelIntro: "{{employer}} paie vos journées en tiers-lieu selon ses règles.",
  costCentre: "Centre de coûts : {{name}}.",
  week: "Cette semaine",
  month: "Ce mois-ci",
  left: "{{left}} jours restants sur {{limit}}",
  left_one: "{{left}} jour restant sur {{limit}}",
  unlimited: "Sans limite ({{used}} utilisés)",
  bundleEmpty:
    "Le forfait de votre employeur est épuisé pour le moment : vos réservations ne peuvent pas être prises en charge.",
  companyShare: "Part payée par votre employeur : {{percent}} %.",
  mayPay: "Au-delà, vous pouvez réserver à vos frais.",
  mayNotPay: "Au-delà, votre employeur ne permet pas de réserver à vos frais.",
};

export default fr;
