import { act, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HoldCountdown } from "./hold-countdown";

describe("HoldCountdown", () => {
  afterEach(() => vi.useRealTimers());

  it("counts down every second, announces the last minutes, then expires", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-25T10:13:55Z"));
    const onExpire = vi.fn();
    render(<HoldCountdown expiresAt="2026-11-25T10:15:00Z" onExpire={onExpire} />);
    expect(screen.getByRole("timer")).toHaveTextContent("Place gardée encore 1:05");
    expect(screen.getByRole("status")).toHaveTextContent("Il reste moins de 2 minutes pour payer.");

    act(() => vi.advanceTimersByTime(6_000));
    expect(screen.getByRole("timer")).toHaveTextContent("Place gardée encore 0:59");
    expect(screen.getByRole("status")).toHaveTextContent("Il reste moins d’une minute pour payer.");
    expect(onExpire).not.toHaveBeenCalled();

    act(() => vi.advanceTimersByTime(60_000));
    expect(screen.getByRole("timer")).toHaveTextContent("Le délai de paiement est écoulé.");
    expect(screen.getByRole("status")).toHaveTextContent("Le délai de paiement est écoulé.");
    expect(onExpire).toHaveBeenCalledTimes(1);
  });
});
