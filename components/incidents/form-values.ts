// The incident form's values as strings, shared by the server pages that fill it. Pure.
export interface IncidentFormValues {
  title: string;
  severity: string;
  status: string;
  startedAt: string;
  detectedAt: string;
  mitigatedAt: string;
  resolvedAt: string;
  systems: string[];
  errors: string;
  lostOrders: string;
  customersAffected: string;
  summary: string;
  postmortemUrl: string;
}

export const localTime = (iso: string | null | undefined) => (iso ? iso.slice(0, 16) : "");

export function blankIncident(systems: string[] = []): IncidentFormValues {
  const now = localTime(new Date().toISOString());
  return {
    title: "",
    severity: "SEV3",
    status: "INVESTIGATING",
    startedAt: now,
    detectedAt: now,
    mitigatedAt: "",
    resolvedAt: "",
    systems,
    errors: "",
    lostOrders: "",
    customersAffected: "",
    summary: "",
    postmortemUrl: "",
  };
}
