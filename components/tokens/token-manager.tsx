"use client";
// API tokens: create one (the secret is shown here once), see each token's scopes, expiry and last
// use, and revoke it. People manage their own; admins see every token and may create one for
// anyone. The server checks every rule again (lib/server/tokens.ts).
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TokenView } from "@/lib/server/tokens";
import { fetchJson } from "@/lib/query/fetch-json";
import { fieldErrors } from "@/lib/query/field-errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FieldError, Hint, Input, Label, Select } from "@/components/ui/field";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";

export type TokenRow = TokenView;

export interface ScopeOption {
  name: string;
  what: string;
}

const EXPIRIES = [
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
  { label: "Never", days: 0 },
];

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");

const TONE = { active: "green", expired: "neutral", revoked: "red" } as const;

export function TokenManager({
  tokens,
  scopes,
  forAnyone,
}: {
  tokens: TokenRow[];
  /** The scopes this person may give (admins: every scope; the server checks the owner's). */
  scopes: ScopeOption[];
  /** Admins: an owner field, and every token is listed. */
  forAnyone: boolean;
}) {
  const router = useRouter();
  const toast = useToast();
  const [form, setForm] = useState({ name: "", owner: "", scopes: [] as string[], days: 90 });
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const create = useMutation({
    mutationFn: () =>
      fetchJson<{ token: TokenRow; secret: string }>("/api/v1/tokens", {
        method: "POST",
        body: JSON.stringify({
          name: form.name,
          scopes: form.scopes,
          ...(forAnyone && form.owner.trim() ? { owner: form.owner.trim() } : {}),
          expiresAt: form.days
            ? new Date(Date.now() + form.days * 24 * 3600_000).toISOString()
            : null,
        }),
      }),
    onSuccess: (result) => {
      setSecret({ name: result.token.name, value: result.secret });
      setForm({ name: "", owner: "", scopes: [], days: 90 });
      router.refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      fetchJson<TokenRow>(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: (token) => {
      toast.show(`Token ${token.name} is revoked: it stops working at once.`, "success");
      router.refresh();
    },
    onError: (error) => toast.show(error.message, "error"),
  });
  const { problems, errorFor } = fieldErrors(create.error);
  const toggle = (scope: string) =>
    setForm((f) => ({
      ...f,
      scopes: f.scopes.includes(scope) ? f.scopes.filter((s) => s !== scope) : [...f.scopes, scope],
    }));

  return (
    <div className="space-y-6">
      {secret ? (
        <div role="status" className="rounded-lg border border-green-300 bg-green-50 p-4">
          <p className="text-sm font-semibold text-green-900">
            Token {secret.name} is ready. Copy it now: it will not be shown again.
          </p>
          <div className="mt-2 flex items-center gap-2">
            <code
              data-testid="new-token-secret"
              className="min-w-0 flex-1 break-all rounded bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-green-300"
            >
              {secret.value}
            </code>
            <Button
              variant="secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(secret.value);
                toast.show("Copied.", "success");
              }}
            >
              Copy
            </Button>
            <Button variant="ghost" onClick={() => setSecret(null)}>
              Done
            </Button>
          </div>
          <p className="mt-2 text-xs text-green-900">
            Use it as <code>Authorization: Bearer …</code>, or as <code>COUNTERSIGN_TOKEN</code> for
            the command line.
          </p>
        </div>
      ) : null}

      <Card>
        <CardHeader
          title="Create a token"
          description="A token acts as its owner, never beyond the owner's permissions, and can never approve a change: a sign-off is made by a person in the portal."
        />
        <CardBody>
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate();
            }}
          >
            <div className="grid gap-4 sm:grid-cols-3">
              <div>
                <Label htmlFor="token-name">Name</Label>
                <Input
                  id="token-name"
                  required
                  placeholder="e.g. storefront deploy pipeline"
                  value={form.name}
                  onChange={(e) => setForm({ ...form, name: e.target.value })}
                  aria-describedby="token-name-error"
                />
                <FieldError id="token-name-error">{errorFor("name")}</FieldError>
              </div>
              {forAnyone ? (
                <div>
                  <Label htmlFor="token-owner">Owner (e-mail)</Label>
                  <Input
                    id="token-owner"
                    type="email"
                    placeholder="yourself when empty"
                    value={form.owner}
                    onChange={(e) => setForm({ ...form, owner: e.target.value })}
                    aria-describedby="token-owner-error"
                  />
                  <FieldError id="token-owner-error">{errorFor("owner")}</FieldError>
                </div>
              ) : null}
              <div>
                <Label htmlFor="token-expiry">Expires after</Label>
                <Select
                  id="token-expiry"
                  value={form.days}
                  onChange={(e) => setForm({ ...form, days: Number(e.target.value) })}
                  aria-describedby="token-expiry-error"
                >
                  {EXPIRIES.map((x) => (
                    <option key={x.days} value={x.days}>
                      {x.label}
                    </option>
                  ))}
                </Select>
                <FieldError id="token-expiry-error">{errorFor("expiresAt")}</FieldError>
              </div>
            </div>
            <fieldset aria-describedby="token-scopes-hint token-scopes-error">
              <legend className="text-sm font-medium text-slate-800">Scopes</legend>
              <Hint id="token-scopes-hint">Give a pipeline only what it needs.</Hint>
              <div className="mt-2 grid gap-2 sm:grid-cols-2">
                {scopes.map((s) => (
                  <label key={s.name} className="flex items-start gap-2 text-sm text-slate-800">
                    <input
                      type="checkbox"
                      className="mt-1"
                      checked={form.scopes.includes(s.name)}
                      onChange={() => toggle(s.name)}
                    />
                    <span>
                      <code className="font-mono text-xs">{s.name}</code>
                      <span className="block text-xs text-slate-600">{s.what}</span>
                    </span>
                  </label>
                ))}
              </div>
              <FieldError id="token-scopes-error">{errorFor("scopes")}</FieldError>
            </fieldset>
            {create.error && !problems.length ? (
              <p role="alert" className="text-sm text-red-700">
                {create.error.message}
              </p>
            ) : null}
            <div className="flex justify-end">
              <Button type="submit" disabled={create.isPending}>
                Create token
              </Button>
            </div>
          </form>
        </CardBody>
      </Card>

      <Card>
        <Table label="API tokens">
          <THead>
            <tr>
              <Th>Token</Th>
              {forAnyone ? <Th>Owner</Th> : null}
              <Th>Scopes</Th>
              <Th>Created</Th>
              <Th>Expires</Th>
              <Th>Last used</Th>
              <Th />
            </tr>
          </THead>
          <TBody>
            {tokens.map((t) => {
              return (
                <tr key={t.id}>
                  <Td>
                    <p className="font-medium text-slate-900">{t.name}</p>
                    <p className="font-mono text-xs text-slate-600">{t.prefix}</p>{" "}
                    <Badge tone={TONE[t.state]}>{t.state}</Badge>
                  </Td>
                  {forAnyone ? (
                    <Td className="text-xs">
                      {t.owner.name}
                      <span className="block text-slate-600">@{t.owner.handle}</span>
                    </Td>
                  ) : null}
                  <Td className="font-mono text-xs">{t.scopes.join(", ")}</Td>
                  <Td className="whitespace-nowrap text-xs tabular-nums">{day(t.createdAt)}</Td>
                  <Td className="whitespace-nowrap text-xs tabular-nums">
                    {t.expiresAt ? day(t.expiresAt) : "never"}
                  </Td>
                  <Td className="whitespace-nowrap text-xs tabular-nums">
                    {t.lastUsedAt ? day(t.lastUsedAt) : "never"}
                  </Td>
                  <Td className="text-right">
                    {t.state === "active" ? (
                      <Button
                        variant="secondary"
                        aria-label={`Revoke ${t.name}`}
                        disabled={revoke.isPending}
                        onClick={() => {
                          if (window.confirm(`Revoke ${t.name}? Anything using it stops working.`))
                            revoke.mutate(t.id);
                        }}
                      >
                        Revoke
                      </Button>
                    ) : null}
                  </Td>
                </tr>
              );
            })}
            {tokens.length === 0 ? (
              <tr>
                <Td colSpan={forAnyone ? 7 : 6} className="py-8 text-center text-slate-600">
                  No tokens yet.
                </Td>
              </tr>
            ) : null}
          </TBody>
        </Table>
      </Card>
    </div>
  );
}
