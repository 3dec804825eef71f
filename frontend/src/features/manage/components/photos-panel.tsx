import { useId, useRef, useState, type FormEvent } from "react";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { isApiError } from "@/lib/api/errors";
import {
  isConflict,
  useDeletePhoto,
  usePlacePhotos,
  useReorderPhotos,
  useSavePhotoText,
  useUploadPhoto,
  type ManagedPhoto,
} from "../api/place-setup";
import { usePlaceSetupT } from "../i18n";
import { ConflictAlert, TextField } from "./place-sections";

const MAX_BYTES = 5 * 1024 * 1024;
const TYPES = ["image/jpeg", "image/png", "image/webp"];

/** Add a photo: the file, and what it shows (required) in French, and in English. */
function UploadForm({ spaceId }: { spaceId: number }) {
  const { t } = usePlaceSetupT();
  const id = useId();
  const upload = useUploadPhoto(spaceId);
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [altFr, setAltFr] = useState("");
  const [altEn, setAltEn] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const errors = isApiError(upload.error) ? upload.error.fieldErrors : {};
  const fileErrors = [...(localError ? [localError] : []), ...(errors.image ?? [])];

  const onFile = (chosen: File | null) => {
    setFile(chosen);
    if (chosen && chosen.size > MAX_BYTES) setLocalError(t("photos.tooLarge"));
    else if (chosen && !TYPES.includes(chosen.type)) setLocalError(t("photos.wrongType"));
    else setLocalError(null);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file || localError) return;
    upload.mutate(
      { file, alt_fr: altFr, alt_en: altEn },
      {
        onSuccess: () => {
          setFile(null);
          setAltFr("");
          setAltEn("");
          if (fileInput.current) fileInput.current.value = "";
        },
      },
    );
  };

  return (
    <form className="stack-form" onSubmit={onSubmit} noValidate aria-label={t("photos.upload")}>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t("photos.file")}</label>
        <input
          ref={fileInput}
          id={`${id}-file`}
          type="file"
          accept={TYPES.join(",")}
          aria-invalid={fileErrors.length ? true : undefined}
          aria-describedby={fileErrors.length ? `${id}-file-error` : undefined}
          onChange={(event) => onFile(event.target.files?.[0] ?? null)}
        />
        {fileErrors.length ? (
          <ul className="field-errors" id={`${id}-file-error`}>
            {fileErrors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <TextField
        label={t("photos.altFr")}
        hint={t("photos.altHint")}
        value={altFr}
        onChange={setAltFr}
        errors={errors.alt_fr}
        lang="fr"
      />
      <TextField
        label={t("photos.altEn")}
        value={altEn}
        onChange={setAltEn}
        errors={errors.alt_en}
        lang="en"
      />
      {upload.error && !fileErrors.length && !errors.alt_fr ? (
        <ErrorAlert error={upload.error} />
      ) : null}
      {upload.isSuccess ? <SuccessAlert>{t("photos.uploaded")}</SuccessAlert> : null}
      <button
        type="submit"
        className="button"
        disabled={upload.isPending || !file || !altFr.trim() || Boolean(localError)}
      >
        {t("photos.upload")}
      </button>
    </form>
  );
}

type PhotoItemProps = {
  spaceId: number;
  photo: ManagedPhoto;
  index: number;
  count: number;
  onMove: (from: number, to: number) => void;
  moving: boolean;
};

/** One photo: its picture, its texts (saved from their version), up / down, remove. */
function PhotoItem({ spaceId, photo, index, count, onMove, moving }: PhotoItemProps) {
  const { t } = usePlaceSetupT();
  const saveText = useSavePhotoText(spaceId);
  const remove = useDeletePhoto(spaceId);
  const [altFr, setAltFr] = useState(photo.alt_fr);
  const [altEn, setAltEn] = useState(photo.alt_en ?? "");
  const errors =
    isApiError(saveText.error) && !isConflict(saveText.error) ? saveText.error.fieldErrors : {};
  const alt = photo.alt_fr;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    saveText.mutate(
      { id: photo.id, alt_fr: altFr, alt_en: altEn, version: photo.version },
      {
        onError: (error) => {
          if (isConflict<ManagedPhoto>(error)) {
            setAltFr(error.current.alt_fr);
            setAltEn(error.current.alt_en ?? "");
          }
        },
      },
    );
  };

  return (
    <li className="photo-item">
      <figure>
        <img src={photo.url} alt={alt} loading="lazy" width={240} height={160} />
        <figcaption>
          {t("photos.position", { position: index + 1, count })}
          {index === 0 ? ` — ${t("photos.cover")}` : null}
        </figcaption>
      </figure>
      <form className="stack-form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t("photos.altFr")}
          value={altFr}
          onChange={setAltFr}
          errors={errors.alt_fr}
          lang="fr"
        />
        <TextField
          label={t("photos.altEn")}
          value={altEn}
          onChange={setAltEn}
          errors={errors.alt_en}
          lang="en"
        />
        {isConflict(saveText.error) ? <ConflictAlert /> : null}
        {saveText.error && !isConflict(saveText.error) && !errors.alt_fr ? (
          <ErrorAlert error={saveText.error} />
        ) : null}
        {saveText.isSuccess ? <SuccessAlert>{t("photos.textSaved")}</SuccessAlert> : null}
        <div className="action-row">
          <button
            type="submit"
            className="button button-small"
            disabled={saveText.isPending}
            aria-label={t("photos.saveTextLabel", { alt })}
          >
            {t("photos.saveText")}
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={index === 0 || moving}
            aria-label={t("photos.moveUpLabel", { alt })}
            onClick={() => onMove(index, index - 1)}
          >
            {t("photos.moveUp")}
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={index === count - 1 || moving}
            aria-label={t("photos.moveDownLabel", { alt })}
            onClick={() => onMove(index, index + 1)}
          >
            {t("photos.moveDown")}
          </button>
          <button
            type="button"
            className="button button-danger button-small"
            disabled={remove.isPending}
            aria-label={t("photos.removeLabel", { alt })}
            onClick={() => {
              if (window.confirm(t("photos.confirmRemove", { alt }))) remove.mutate(photo.id);
            }}
          >
            {t("photos.remove")}
          </button>
        </div>
        {remove.error ? <ErrorAlert error={remove.error} /> : null}
      </form>
    </li>
  );
}

/** The place's photos in display order; keyboard reordering with up / down buttons. */
export function PhotosPanel({ spaceId }: { spaceId: number }) {
  const { t } = usePlaceSetupT();
  const photos = usePlacePhotos(spaceId);
  const reorder = useReorderPhotos(spaceId);
  const [announce, setAnnounce] = useState("");
  const list = photos.data ?? [];

  const onMove = (from: number, to: number) => {
    const moved = list[from];
    if (!moved) return;
    const order = list.map((photo) => photo.id).filter((photoId) => photoId !== moved.id);
    order.splice(to, 0, moved.id);
    const alt = moved.alt_fr;
    reorder.mutate(order, {
      onSuccess: () => setAnnounce(t("photos.moved", { alt, position: to + 1 })),
    });
  };

  return (
    <>
      <p>{t("photos.intro")}</p>
      {photos.isPending ? <Loading /> : null}
      {photos.error ? <ErrorAlert error={photos.error} /> : null}
      {photos.data && list.length === 0 ? <p>{t("photos.none")}</p> : null}
      <p className="visually-hidden" role="status">
        {announce}
      </p>
      {reorder.error ? <ErrorAlert error={reorder.error} /> : null}
      {list.length ? (
        <ol className="photo-list" aria-label={t("photos.listLabel")}>
          {list.map((photo, index) => (
            <PhotoItem
              key={photo.id}
              spaceId={spaceId}
              photo={photo}
              index={index}
              count={list.length}
              onMove={onMove}
              moving={reorder.isPending}
            />
          ))}
        </ol>
      ) : null}
      <UploadForm spaceId={spaceId} />
    </>
  );
}
