// Every route module under /api/v1, by its OpenAPI path. The document (lib/http/openapi.ts) is
// generated from the contracts these modules' handlers were declared with; a test checks that this
// list is exactly the route files under app/api/v1 (lib/http/openapi.test.ts).
import * as r0 from "@/app/api/v1/audit/export/route";
import * as r1 from "@/app/api/v1/audit/route";
import * as r2 from "@/app/api/v1/audit/verify/route";
import * as r3 from "@/app/api/v1/changes/[key]/deployments/route";
import * as r4 from "@/app/api/v1/changes/[key]/gate/route";
import * as r5 from "@/app/api/v1/changes/[key]/reviews/route";
import * as r6 from "@/app/api/v1/changes/[key]/revisions/route";
import * as r7 from "@/app/api/v1/changes/[key]/route";
import * as r8 from "@/app/api/v1/changes/[key]/views/route";
import * as r9 from "@/app/api/v1/changes/[key]/withdraw/route";
import * as r10 from "@/app/api/v1/changes/route";
import * as r11 from "@/app/api/v1/gate/route";
import * as r12 from "@/app/api/v1/incidents/[key]/links/[change]/route";
import * as r13 from "@/app/api/v1/incidents/[key]/links/route";
import * as r14 from "@/app/api/v1/incidents/[key]/notes/route";
import * as r15 from "@/app/api/v1/incidents/[key]/route";
import * as r16 from "@/app/api/v1/incidents/[key]/suspects/route";
import * as r17 from "@/app/api/v1/incidents/route";
import * as r18 from "@/app/api/v1/metrics/csv/route";
import * as r19 from "@/app/api/v1/metrics/route";
import * as r20 from "@/app/api/v1/notifications/read/route";
import * as r21 from "@/app/api/v1/notifications/route";
import * as r22 from "@/app/api/v1/policy-windows/[id]/route";
import * as r23 from "@/app/api/v1/policy-windows/route";
import * as r24 from "@/app/api/v1/queue/counts/route";
import * as r25 from "@/app/api/v1/queue/route";
import * as r26 from "@/app/api/v1/routing/preview/route";
import * as r27 from "@/app/api/v1/systems/[slug]/route";
import * as r28 from "@/app/api/v1/tokens/[id]/route";
import * as r29 from "@/app/api/v1/tokens/route";
import * as r30 from "@/app/api/v1/integrations/route";
import * as r31 from "@/app/api/v1/integrations/[id]/route";
import * as r32 from "@/app/api/v1/integrations/[id]/repositories/route";
import * as r33 from "@/app/api/v1/integrations/[id]/services/route";
import * as r34 from "@/app/api/v1/integrations/deliveries/[id]/route";
import * as r35 from "@/app/api/v1/integrations/github/webhook/route";
import * as r36 from "@/app/api/v1/integrations/gitlab/webhook/route";
import * as r37 from "@/app/api/v1/integrations/pagerduty/webhook/route";
import * as r38 from "@/app/api/v1/integrations/incidents/webhook/route";
import * as r39 from "@/app/api/v1/integrations/endpoints/route";
import * as r40 from "@/app/api/v1/integrations/endpoints/deliveries/[id]/route";
import * as r41 from "@/app/api/v1/changes/[key]/threads/route";
import * as r42 from "@/app/api/v1/changes/[key]/threads/[id]/route";
import * as r43 from "@/app/api/v1/changes/[key]/threads/[id]/comments/route";
import * as r44 from "@/app/api/v1/changes/[key]/transcripts/route";
import * as r45 from "@/app/api/v1/changes/[key]/second-looks/route";
import * as r46 from "@/app/api/v1/changes/[key]/second-looks/verdict/route";
import * as r47 from "@/app/api/v1/notifications/settings/route";
import * as r48 from "@/app/api/v1/systems/route";
import * as r49 from "@/app/api/v1/teams/route";
import * as r50 from "@/app/api/v1/people/route";
import * as r51 from "@/app/api/v1/repositories/route";

export type RouteModule = Record<string, unknown>;

export const API_ROUTES: ReadonlyArray<readonly [string, RouteModule]> = [
  ["/audit/export", r0],
  ["/audit", r1],
  ["/audit/verify", r2],
  ["/changes/{key}/deployments", r3],
  ["/changes/{key}/gate", r4],
  ["/changes/{key}/reviews", r5],
  ["/changes/{key}/revisions", r6],
  ["/changes/{key}", r7],
  ["/changes/{key}/views", r8],
  ["/changes/{key}/withdraw", r9],
  ["/changes", r10],
  ["/gate", r11],
  ["/incidents/{key}/links/{change}", r12],
  ["/incidents/{key}/links", r13],
  ["/incidents/{key}/notes", r14],
  ["/incidents/{key}", r15],
  ["/incidents/{key}/suspects", r16],
  ["/incidents", r17],
  ["/metrics/csv", r18],
  ["/metrics", r19],
  ["/notifications/read", r20],
  ["/notifications", r21],
  ["/policy-windows/{id}", r22],
  ["/policy-windows", r23],
  ["/queue/counts", r24],
  ["/queue", r25],
  ["/routing/preview", r26],
  ["/systems/{slug}", r27],
  ["/tokens/{id}", r28],
  ["/tokens", r29],
  ["/integrations", r30],
  ["/integrations/{id}", r31],
  ["/integrations/{id}/repositories", r32],
  ["/integrations/{id}/services", r33],
  ["/integrations/deliveries/{id}", r34],
  ["/integrations/github/webhook", r35],
  ["/integrations/gitlab/webhook", r36],
  ["/integrations/pagerduty/webhook", r37],
  ["/integrations/incidents/webhook", r38],
  ["/integrations/endpoints", r39],
  ["/integrations/endpoints/deliveries/{id}", r40],
  ["/changes/{key}/threads", r41],
  ["/changes/{key}/threads/{id}", r42],
  ["/changes/{key}/threads/{id}/comments", r43],
  ["/changes/{key}/transcripts", r44],
  ["/changes/{key}/second-looks", r45],
  ["/changes/{key}/second-looks/verdict", r46],
  ["/notifications/settings", r47],
  ["/systems", r48],
  ["/teams", r49],
  ["/people", r50],
  ["/repositories", r51],
];
