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

/**
 * For a controlled field: a ref that, when React takes the field over, keeps what the person typed
 * while the page was still loading (the server rendered the field empty; the browser already let
 * them type). Without it the first render would put the empty value back and lose their words.
 */
export function useKeepTyped<E extends HTMLInputElement | HTMLTextAreaElement>(
  value: string,
  onChange: (value: string) => void,
) {
  return (element: E | null) => {
    if (element && value === "" && element.value !== "") onChange(element.value);
  };
}
