import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { filtersToSearchParams, type DirectoryFilters } from "../filters";

type PaginationProps = { filters: DirectoryFilters; count: number; pageSize: number };

export function Pagination({ filters, count, pageSize }: PaginationProps) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(count / pageSize));
  if (pages <= 1) return null;
  const page = Math.min(filters.page, pages);
  const hrefFor = (target: number) => `?${filtersToSearchParams({ ...filters, page: target })}`;
  return (
    <nav className="pagination" aria-label={t("directory.pagination")}>
      {page > 1 ? (
        <Link className="button button-secondary" to={hrefFor(page - 1)}>
          {t("directory.previous")}
        </Link>
      ) : null}
      <p>{t("directory.pageOf", { page, pages })}</p>
      {page < pages ? (
        <Link className="button button-secondary" to={hrefFor(page + 1)}>
          {t("directory.next")}
        </Link>
      ) : null}
    </nav>
  );
}
