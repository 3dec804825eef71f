import type fr from "./fr";

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

/** English texts of the place setup (same keys as fr.ts). */
const en: Texts<typeof fr> = {
  link: "Update the place's page: description, services, photos",
  title: "Place page",
  intro:
    "What members see of your place. Each section is saved on its own; if someone else changed the same section in the meantime, nothing is overwritten: you see their values and decide.",
  backToDay: "Back to the place's day",
  draft: "Draft: this place and its photos are not public until the network publishes it.",
  published: "Published: this place and its photos are shown in the directory.",
  conflict: {
    title: "Someone else changed this section in the meantime.",
    body: "The form now shows the saved values. Check them, make your changes again if needed, then save.",
  },
  details: {
    title: "Description and contact",
    name: "Name of the place",
    descriptionFr: "Description (French)",
    descriptionEn: "Description (English)",
    descriptionHint: "A few sentences: the atmosphere, who it is for, how to get there.",
    address: "Address",
    postalCode: "Postcode",
    email: "Contact e-mail",
    phone: "Phone",
    website: "Website",
    save: "Save the description",
    saved: "Description saved.",
  },
  access: {
    title: "Accessibility",
    wheelchair: "Wheelchair accessible (entrance, circulation, toilets)",
    textFr: "Accessibility information (French)",
    textEn: "Accessibility information (English)",
    hint: "Steps, lift, reserved parking, hearing loop, assistance dogs…",
    save: "Save accessibility",
    saved: "Accessibility saved.",
  },
  services: {
    title: "Services",
    intro: "Tick what the place offers. Base-set services are expected of every place in the network.",
    base: "base set",
    securityTitle: "Security (for employers' \"secure places only\" policies)",
    securityIntro:
      "You declare these features; the network checks them on site. A place counts as secure for employers when all of them are declared and verified.",
    declared: "declared by the place",
    notDeclared: "not declared",
    save: "Save services",
    saved: "Services saved.",
  },
  photos: {
    title: "Photos",
    intro:
      "Up to 12 photos, JPEG, PNG or WebP, 5 MB at most each. They are saved again as JPEG without their metadata (GPS position included). The first one is the cover photo.",
    none: "No photos yet.",
    listLabel: "Photos of the place, in display order",
    file: "Photo file",
    altFr: "Alternative text (French)",
    altEn: "Alternative text (English)",
    altHint: "What the photo shows, for people who cannot see it. E.g. \"The meeting room, table for eight, large window\".",
    upload: "Add the photo",
    uploaded: "Photo added.",
    cover: "Cover",
    position: "Photo {{position}} of {{count}}",
    moveUp: "Move up",
    moveDown: "Move down",
    moveUpLabel: "Move photo \"{{alt}}\" up",
    moveDownLabel: "Move photo \"{{alt}}\" down",
    moved: "Photo \"{{alt}}\" moved to position {{position}}.",
    saveText: "Save texts",
    saveTextLabel: "Save the texts of photo \"{{alt}}\"",
    textSaved: "Photo texts saved.",
    remove: "Remove",
    removeLabel: "Remove photo \"{{alt}}\"",
    confirmRemove: "Remove photo \"{{alt}}\" for good?",
    removed: "Photo removed.",
    tooLarge: "This photo is larger than 5 MB: make it smaller before sending it.",
    wrongType: "Choose a JPEG, PNG or WebP image.",
  },
};

export default en;
