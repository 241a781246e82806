"use client";
// Adding a connection: a code host (GitHub, GitLab) or an incident tool (PagerDuty, any tool
// through the generic webhook). The secrets are sent once and stored encrypted; the form then
// says where the sender must deliver. The server checks every rule again
// (lib/server/integrations/connections.ts).
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fetchJson } from "@/lib/query/fetch-json";
import { fieldErrors } from "@/lib/query/field-errors";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FieldError, Hint, Input, Label, Select, Textarea } from "@/components/ui/field";
import { KINDS, type Kind } from "./kinds";

function randomSecret(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function AddConnection({ publicUrl }: { publicUrl: string }) {
  const router = useRouter();
  const [form, setForm] = useState({
    kind: "GITHUB" as Kind,
    name: "",
    baseUrl: "",
    secret: "",
    token: "",
    appId: "",
  });
  const [added, setAdded] = useState<{ name: string; kind: Kind; secret: string } | null>(null);
  const kind = KINDS[form.kind];
  const create = useMutation({
    mutationFn: () =>
      fetchJson<{ id: string }>("/api/v1/integrations", {
        method: "POST",
        body: JSON.stringify({
          kind: form.kind,
          name: form.name,
          secret: form.secret,
          ...(form.baseUrl.trim() ? { baseUrl: form.baseUrl.trim() } : {}),
          ...(kind.codeHost ? { token: form.token } : {}),
          ...(form.kind === "GITHUB" && form.appId.trim() ? { appId: form.appId.trim() } : {}),
        }),
      }),
    onSuccess: () => {
      setAdded({ name: form.name, kind: form.kind, secret: form.secret });
      setForm({ kind: form.kind, name: "", baseUrl: "", secret: "", token: "", appId: "" });
      router.refresh();
    },
  });
  const { problems, errorFor } = fieldErrors(create.error);
  const field = (name: keyof typeof form) => ({
    id: `connection-${name}`,
    value: form[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setForm({ ...form, [name]: e.target.value }),
    "aria-describedby": `connection-${name}-error`,
  });

  return (
    <Card aria-labelledby="add-connection-title">
      <CardHeader
        id="add-connection-title"
        title="Add a connection"
        description="Secrets are stored encrypted and never shown again: keep a copy where your team keeps secrets."
      />
      <CardBody>
        {added ? (
          <div
            role="status"
            className="mb-4 rounded-lg border border-green-300 bg-green-50 p-4 text-sm text-green-900"
          >
            <p className="font-semibold">
              {added.name} is connected. Now tell {KINDS[added.kind].label} where to deliver:
            </p>
            <dl className="mt-2 grid gap-1 sm:grid-cols-[10rem_1fr]">
              <dt>Payload URL</dt>
              <dd>
                <code className="break-all">{`${publicUrl}${KINDS[added.kind].path}`}</code>
              </dd>
              <dt>Secret</dt>
              <dd>
                <code className="break-all" data-testid="new-connection-secret">
                  {added.secret}
                </code>
              </dd>
            </dl>
            <p className="mt-2">{KINDS[added.kind].setup}</p>
          </div>
        ) : null}
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <div className="grid gap-4 sm:grid-cols-3">
            <div>
              <Label htmlFor="connection-kind">Kind</Label>
              <Select {...field("kind")}>
                {(Object.keys(KINDS) as Kind[]).map((k) => (
                  <option key={k} value={k}>
                    {KINDS[k].label}
                  </option>
                ))}
              </Select>
              <FieldError id="connection-kind-error">{errorFor("kind")}</FieldError>
            </div>
            <div>
              <Label htmlFor="connection-name">Name</Label>
              <Input {...field("name")} required placeholder="e.g. Acme GitHub" />
              <FieldError id="connection-name-error">{errorFor("name")}</FieldError>
            </div>
            {kind.codeHost ? (
              <div>
                <Label htmlFor="connection-baseUrl">API base URL</Label>
                <Input {...field("baseUrl")} placeholder={kind.baseUrl} />
                <Hint>{kind.baseUrlHint}</Hint>
                <FieldError id="connection-baseUrl-error">{errorFor("baseUrl")}</FieldError>
              </div>
            ) : null}
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <Label htmlFor="connection-secret">Webhook secret</Label>
              <div className="flex gap-2">
                <Input {...field("secret")} required autoComplete="off" />
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() => setForm({ ...form, secret: randomSecret() })}
                >
                  Generate
                </Button>
              </div>
              <Hint>{kind.secretHint}</Hint>
              <FieldError id="connection-secret-error">{errorFor("secret")}</FieldError>
            </div>
            {kind.codeHost ? (
              <div>
                {form.kind === "GITHUB" ? (
                  <div className="mb-3">
                    <Label htmlFor="connection-appId">GitHub App ID (for a GitHub App)</Label>
                    <Input
                      {...field("appId")}
                      inputMode="numeric"
                      placeholder="empty for a token"
                    />
                    <FieldError id="connection-appId-error">{errorFor("appId")}</FieldError>
                  </div>
                ) : null}
                {form.kind === "GITHUB" && form.appId.trim() ? (
                  <>
                    <Label htmlFor="connection-token">The App&apos;s private key</Label>
                    <Textarea
                      id="connection-token"
                      rows={4}
                      required
                      value={form.token}
                      placeholder="-----BEGIN RSA PRIVATE KEY-----"
                      onChange={(e) => setForm({ ...form, token: e.target.value })}
                      aria-describedby="connection-token-error"
                    />
                    <Hint>
                      The App needs Pull requests: read, Contents: read, Commit statuses: write, and
                      the Pull request event.
                    </Hint>
                  </>
                ) : (
                  <>
                    <Label htmlFor="connection-token">API token</Label>
                    <Input {...field("token")} type="password" required autoComplete="off" />
                    <Hint>{kind.tokenHint}</Hint>
                  </>
                )}
                <FieldError id="connection-token-error">{errorFor("token")}</FieldError>
              </div>
            ) : null}
          </div>
          {create.error && !problems.length ? (
            <p role="alert" className="text-sm text-red-700">
              {create.error.message}
            </p>
          ) : null}
          <div className="flex justify-end">
            <Button type="submit" disabled={create.isPending}>
              Add connection
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
