import type fr from "./fr";

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

/** English texts of the team screens (namespace "team"); same keys as fr.ts. */
const en: Texts<typeof fr> = {
  nav: "Team",
  title: "{{operator}}’s team",
  chooseTitle: "Teams",
  chooseIntro: "Choose the operator whose team you manage.",
  noOperator: "You manage no operator’s team.",
  loginRequired: "Log in to reach this page.",
  login: "Log in",
  notAllowed: "This page is for the operator’s managers and the network’s staff.",
  intro:
    "People join the team by accepting an invitation sent by e-mail: nobody is added without agreeing. Managers change places, prices, rules and the team; the front desk sees the day and checks people in, and changes nothing else.",
  roles: { manager: "Manager", front_desk: "Front desk" },
  managers: "Managers",
  frontDesk: "Front desk",
  noFrontDesk: "Nobody at the front desk yet.",
  invitations: "Pending invitations",
  noInvitations: "No pending invitation.",
  name: "Name",
  email: "E-mail address",
  role: "Role",
  expires: "Expires on",
  actions: "Actions",
  you: "(you)",
  invite: {
    title: "Invite someone",
    email: "E-mail address",
    emailHint:
      "A link is sent to them (in French, then English). They join the team when they accept it, logged in with this address.",
    role: "Role",
    send: "Send the invitation",
    sent: "Invitation sent to {{email}} (valid until {{date}}).",
  },
  revoke: "Withdraw the invitation",
  revokeOf: "Withdraw the invitation: {{email}}",
  revokeQuestion: "Withdraw the invitation sent to {{email}}? Its link will stop working.",
  revoked: "Invitation withdrawn.",
  remove: "Remove from the team",
  removeOf: "Remove from the team: {{name}}",
  removeQuestion: "Remove {{name}} ({{role}}) from the team?",
  removed: "{{name}} is no longer in the team.",
  confirm: "Confirm",
  cancel: "Cancel",
  frontDeskNav: "Front desk",
  frontDeskPage: {
    title: "Front desk: the place’s day",
    intro:
      "The day’s bookings at the chosen place, and checking people in (from 30 minutes before the start).",
    notAllowed: "This page is for the front desk and the places’ managers.",
    noPlace: "You are at no place’s front desk.",
    place: "Place",
    date: "Day (empty: today)",
    summary: "Expected: {{active}} · arrived: {{checkedIn}}",
    none: "No booking that day.",
    caption: "Bookings of {{date}}",
    member: "Person",
    resource: "Desk or room",
    hours: "Hours",
    status: "Status",
    checkIn: "Check in",
    checkInOf: "Check in: {{name}}",
    checkedIn: "{{name}} checked in.",
  },
  accept: {
    title: "Invitation to join a team",
    intro: "{{operator}} invites you to join its team on Ostal, as: {{role}}.",
    managerDoes: "Manager: places, hours, prices, booking rules, bookings and the team.",
    frontDeskDoes:
      "Front desk: see the day of the operator’s places and check people in (without changing prices, rules or places).",
    loginFirst:
      "Log in, or sign up, with the e-mail address that received the invitation, then come back to this page.",
    signup: "Sign up",
    loggedInAs: "Logged in as {{email}}.",
    button: "Accept the invitation",
    done: "Done: you are in {{operator}}’s team.",
    goManage: "Go to managing places",
    goFrontDesk: "Go to the front desk",
    expired: "This invitation has expired. Ask the operator to send you a new one.",
    used: "This invitation has already been used or was withdrawn.",
    unknown: "This invitation link does not exist.",
    validUntil: "Link valid until {{date}}.",
  },
};

export default en;
