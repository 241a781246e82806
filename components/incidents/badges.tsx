import {
  INCIDENT_STATUS_LABEL,
  type IncidentStatus,
  type LinkKind,
  type Severity,
} from "@/lib/domain/incidents/incident";
import { Badge, type Tone } from "@/components/ui/badge";

const SEVERITY_TONE: Record<Severity, Tone> = {
  SEV1: "red",
  SEV2: "amber",
  SEV3: "violet",
  SEV4: "neutral",
};
const STATUS_TONE: Record<IncidentStatus, Tone> = {
  INVESTIGATING: "red",
  IDENTIFIED: "amber",
  MITIGATED: "brand",
  RESOLVED: "green",
};
const LINK_TONE: Record<LinkKind, Tone> = {
  CAUSE: "red",
  CONTRIBUTING: "amber",
  SUSPECT: "neutral",
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={SEVERITY_TONE[severity]}>{severity}</Badge>;
}

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{INCIDENT_STATUS_LABEL[status]}</Badge>;
}

export function LinkKindBadge({ kind }: { kind: LinkKind }) {
  return <Badge tone={LINK_TONE[kind]}>{kind.toLowerCase()}</Badge>;
}
