import { describe, expect, it } from "vitest";
import { EMPTY_FILTERS, filtersToQuery, filtersToSearchParams, parseFilters } from "./filters";

describe("directory filters ↔ URL", () => {
  it("reads every filter from the query string", () => {
    const filters = parseFilters(
      new URLSearchParams(
        "department=48&kind=itinerant&setting=rural&services=fibre,parking&base_set=true" +
          "&open_on=2026-12-01&accepts_pass=true&q=camion&near_commune=48095&near_label=Mende" +
          "&radius_km=50&page=2",
      ),
    );
    expect(filters).toEqual({
      department: "48",
      kind: "itinerant",
      setting: "rural",
      services: ["fibre", "parking"],
      baseSet: true,
      openOn: "2026-12-01",
      acceptsPass: true,
      q: "camion",
      near: "",
      nearCommune: "48095",
      nearLabel: "Mende",
      radiusKm: "50",
      page: 2,
    });
  });

  it("ignores values no control can show", () => {
    const filters = parseFilters(
      new URLSearchParams("kind=castle&setting=lunar&open_on=tomorrow&radius_km=7&page=-3&near=x"),
    );
    expect(filters).toEqual(EMPTY_FILTERS);
  });

  it("writes only what is set, and round-trips", () => {
    const params = filtersToSearchParams({
      ...EMPTY_FILTERS,
      department: "48",
      services: ["fibre"],
      acceptsPass: true,
    });
    expect(params.toString()).toBe("department=48&services=fibre&accepts_pass=true");
    expect(parseFilters(params)).toEqual({
      ...EMPTY_FILTERS,
      department: "48",
      services: ["fibre"],
      acceptsPass: true,
    });
  });

  it("keeps the radius only with a proximity criterion", () => {
    expect(filtersToSearchParams({ ...EMPTY_FILTERS, radiusKm: "50" }).toString()).toBe("");
    expect(
      filtersToSearchParams({ ...EMPTY_FILTERS, near: "43.600,1.440", radiusKm: "50" }).toString(),
    ).toBe("near=43.600%2C1.440&radius_km=50");
  });

  it("builds the API query with the API's parameter names", () => {
    expect(
      filtersToQuery({
        ...EMPTY_FILTERS,
        department: "48",
        services: ["fibre", "parking"],
        baseSet: true,
        nearCommune: "48095",
        nearLabel: "Mende",
      }),
    ).toEqual({
      page: 1,
      page_size: 50,
      department: "48",
      services: "fibre,parking",
      base_set: true,
      near_commune: "48095",
      radius_km: 25,
    });
  });
});
