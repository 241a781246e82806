"use client";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server render and until React has hydrated this component, true afterwards. A
 * button that only works through JavaScript stays disabled until then, so a click on a page
 * that is still loading is never silently lost.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
