import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { NumberInput } from "@/components/ui/number-input";
import { ErrorAlert, SuccessAlert } from "@/components/ui/status";
import { SlotFields, TimeRangeFields } from "@/components/ui/slot-fields";
import type { DayPart, ResourceBlock, ResourceKind } from "@/lib/api/types";
import { zonedTimeToUtc } from "@/lib/dates";
import { formatInstantTime } from "@/lib/format";
import { useAttemptKey } from "@/lib/idempotency";
import {
  useBookForMember,
  useCreateBlock,
  useDeleteBlock,
  useManagedResources,
} from "../api/manage";

const KINDS: ResourceKind[] = ["desk", "meeting_room", "phone_booth", "private_office"];
const BY_DAY: ResourceKind[] = ["desk", "private_office"];

/** A select of the resource kinds (desk, meeting room...), labelled. */
export function KindField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: ResourceKind;
  onChange: (kind: ResourceKind) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value as ResourceKind)}
      >
        {KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`resourceKind.${kind}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Book for someone (an existing account) on the chosen day. */
export function BookForMemberForm({ spaceId, date }: { spaceId: number; date: string }) {
  const { t } = useTranslation();
  const id = useId();
  const mutation = useBookForMember(spaceId);
  const [email, setEmail] = useState("");
  const [kind, setKind] = useState<ResourceKind>("desk");
  const [part, setPart] = useState<DayPart>("day");
  const [start, setStart] = useState("09:00");
  const [end, setEnd] = useState("10:00");
  const [attendees, setAttendees] = useState(1);
  const byDay = BY_DAY.includes(kind);
  const input = {
    member_email: email.trim(),
    kind,
    date,
    attendees,
    walk_up: false,
    ...(byDay ? { part } : { start_time: start, end_time: end }),
  };
  const key = useAttemptKey(JSON.stringify(input));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!input.member_email) return;
    mutation.mutate({ input, key });
  };

  return (
    <form className="stack-form" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t("manage.memberEmail")}</label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="off"
          required
          value={email}
          aria-invalid={mutation.error && !email.trim() ? true : undefined}
          onChange={(event) => setEmail(event.target.value)}
        />
      </div>
      <div className="field-row">
        <KindField id={`${id}-kind`} label={t("booking.kind")} value={kind} onChange={setKind} />
        <SlotFields
          id={id}
          byDay={byDay}
          part={part}
          onPart={setPart}
          start={start}
          end={end}
          onStart={setStart}
          onEnd={setEnd}
        />
        {kind === "meeting_room" || kind === "private_office" ? (
          <div className="field">
            <label htmlFor={`${id}-attendees`}>{t("booking.attendees")}</label>
            <NumberInput
              id={`${id}-attendees`}
              min={1}
              max={500}
              value={attendees}
              onValue={setAttendees}
            />
          </div>
        ) : null}
      </div>
      {mutation.error ? <ErrorAlert error={mutation.error} /> : null}
      {mutation.data ? (
        <SuccessAlert>
          {t("manage.bookedFor", {
            email: mutation.data.member.email,
            resource: mutation.data.resource.name,
          })}
        </SuccessAlert>
      ) : null}
      <button type="submit" className="button" disabled={mutation.isPending || !email.trim()}>
        {t("manage.bookFor")}
      </button>
    </form>
  );
}

/** Block a resource on the chosen day (maintenance, event), and the day's blocks. */
export function BlocksPanel({
  spaceId,
  date,
  timeZone,
  blocks,
}: {
  spaceId: number;
  date: string;
  timeZone: string;
  blocks: ResourceBlock[];
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const resources = useManagedResources(spaceId);
  const create = useCreateBlock(spaceId);
  const remove = useDeleteBlock(spaceId);
  const [resource, setResource] = useState("");
  const [start, setStart] = useState("09:00");
  const [end, setEnd] = useState("18:00");
  const [reason, setReason] = useState("");
  const reasonTooLong = reason.length > 200;
  const local = (instant: string) => formatInstantTime(instant, timeZone, i18n.language);
  const chosen = resource || String(resources.data?.[0]?.id ?? "");

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!chosen || reasonTooLong) return; // the hint under the field says why
    create.mutate({
      resource: Number(chosen),
      start: zonedTimeToUtc(date, start, timeZone),
      end: zonedTimeToUtc(date, end, timeZone),
      reason,
    });
  };

  return (
    <>
      {blocks.length ? (
        <ul className="plain-list blocks-list">
          {blocks.map((block) => (
            <li key={block.id}>
              {block.resource.name} :{" "}
              {t("space.timeRange", { opens: local(block.start), closes: local(block.end) })}
              {block.reason ? ` — ${block.reason}` : ""}{" "}
              {block.source === "manual" ? (
                <button
                  type="button"
                  className="button-link"
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(block.id)}
                >
                  {t("manage.unblock")}
                  <span className="visually-hidden"> {block.resource.name}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("manage.noBlocks")}</p>
      )}
      {remove.error ? <ErrorAlert error={remove.error} /> : null}
      <form className="stack-form" onSubmit={onSubmit} noValidate>
        <p className="field-hint">{t("booking.localTime", { timezone: timeZone })}</p>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-resource`}>{t("booking.resource")}</label>
            <select
              id={`${id}-resource`}
              value={chosen}
              onChange={(event) => setResource(event.target.value)}
            >
              {resources.data?.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name} ({t(`resourceKind.${item.kind}`)})
                </option>
              ))}
            </select>
          </div>
          <TimeRangeFields
            id={id}
            start={start}
            end={end}
            onStart={setStart}
            onEnd={setEnd}
            step={900}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t("manage.reason")}</label>
          {/* No maxLength: the browser would cut a pasted reason without a word (issue 16). */}
          <input
            id={`${id}-reason`}
            type="text"
            value={reason}
            aria-invalid={reasonTooLong ? true : undefined}
            aria-describedby={`${id}-reason-hint`}
            onChange={(event) => setReason(event.target.value)}
          />
          <p className={reasonTooLong ? "field-errors" : "field-hint"} id={`${id}-reason-hint`}>
            {reasonTooLong
              ? t("manage.reasonTooLong", { count: reason.length })
              : t("manage.reasonCount", { count: reason.length })}
          </p>
        </div>
        {create.error ? <ErrorAlert error={create.error} /> : null}
        {create.isSuccess ? <SuccessAlert>{t("manage.blocked")}</SuccessAlert> : null}
        <button type="submit" className="button" disabled={create.isPending || !chosen}>
          {t("manage.block")}
        </button>
      </form>
    </>
  );
}
