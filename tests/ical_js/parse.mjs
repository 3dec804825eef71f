// Reads one iCalendar document on stdin and prints, as JSON, what Mozilla's ical.js (the parser
// Thunderbird uses) understands of it: the calendar's properties and, per VEVENT, its UID,
// SEQUENCE, STATUS, texts and its start/end as UTC instants.
//
// Time zones are resolved only from the VTIMEZONE components of the document itself (ical.js's
// own time zone service is left empty on purpose): a TZID without its VTIMEZONE comes out with
// `start_zone: null`, so a missing or wrong VTIMEZONE fails the Python test instead of being
// silently papered over by a time zone database.
import ICAL from "ical.js";

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on("data", (chunk) => chunks.push(chunk));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", reject);
  });
}

function instant(time) {
  if (!time) return null;
  if (time.isDate) return time.toString(); // a DATE: no instant, print YYYY-MM-DD
  return new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

function zoneOf(time) {
  if (!time || time.isDate || !time.zone) return null;
  const tzid = time.zone.tzid;
  // "floating" means a TZID that the document did not define.
  return tzid === "floating" ? null : tzid;
}

function text(component, name) {
  const value = component.getFirstPropertyValue(name);
  return value === null || value === undefined ? null : String(value);
}

const source = await readStdin();
const root = new ICAL.Component(ICAL.parse(source));
const events = root.getAllSubcomponents("vevent").map((vevent) => {
  const event = new ICAL.Event(vevent);
  const attendee = vevent.getFirstProperty("attendee");
  const organizer = vevent.getFirstProperty("organizer");
  return {
    uid: event.uid,
    sequence: event.sequence,
    status: text(vevent, "status"),
    summary: event.summary,
    location: event.location,
    description: event.description,
    start: instant(event.startDate),
    end: instant(event.endDate),
    start_is_date: Boolean(event.startDate && event.startDate.isDate),
    start_zone: zoneOf(event.startDate),
    end_zone: zoneOf(event.endDate),
    dtstamp: instant(vevent.getFirstPropertyValue("dtstamp")),
    organizer: organizer ? String(organizer.getFirstValue()) : null,
    attendee: attendee ? String(attendee.getFirstValue()) : null,
  };
});

process.stdout.write(JSON.stringify({
  method: text(root, "method"),
  prodid: text(root, "prodid"),
  name: text(root, "x-wr-calname"),
  refresh_interval: text(root, "refresh-interval"),
  timezones: root.getAllSubcomponents("vtimezone").map((z) => text(z, "tzid")),
  events,
}));
