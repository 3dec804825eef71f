import { useState } from "react";
import { isImpact, type ImpactError } from "../api/place-calendar";

/**
 * The steps of a change that may touch bookings: sent once (`start`), refused with the
 * bookings it would cancel (`impact`, shown by ImpactConfirm), sent again with the count the
 * manager saw, then `done` (how many were cancelled).
 */
export function useImpactFlow<Input>() {
  const [impact, setImpact] = useState<ImpactError | null>(null);
  const [pendingInput, setPendingInput] = useState<Input | null>(null);
  const [done, setDone] = useState<number | null>(null);
  return {
    impact,
    pendingInput,
    done,
    start(input: Input) {
      setDone(null);
      setPendingInput(input);
    },
    onError(error: unknown) {
      if (isImpact(error)) setImpact(error);
    },
    finished(count: number | null) {
      setImpact(null);
      setPendingInput(null);
      setDone(count);
    },
    reset() {
      setImpact(null);
      setPendingInput(null);
    },
  };
}
