import Link from "next/link";
import { Input, Select } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { actionLabel } from "./action-label";

interface Values {
  actor?: string;
  action?: string;
  subject?: string;
  change?: string;
  from?: string;
  to?: string;
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A plain GET form: the filters are the URL, so a view can be bookmarked and shared. */
export function AuditFilterForm({
  values,
  actions,
}: {
  values: Values;
  actions: readonly string[];
}) {
  return (
    <form
      method="get"
      action="/audit"
      role="search"
      className="grid gap-3 border-b border-slate-200 px-4 py-3 sm:grid-cols-2 lg:grid-cols-7"
    >
      <Field id="f-actor" label="Actor">
        <Input
          id="f-actor"
          name="actor"
          defaultValue={values.actor}
          placeholder="@handle or system"
        />
      </Field>
      <Field id="f-action" label="Action">
        <Select id="f-action" name="action" defaultValue={values.action ?? ""}>
          <option value="">Any action</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a} ({actionLabel(a)})
            </option>
          ))}
        </Select>
      </Field>
      <Field id="f-subject" label="Subject">
        <Input
          id="f-subject"
          name="subject"
          defaultValue={values.subject}
          placeholder="e.g. checkout-api"
        />
      </Field>
      <Field id="f-change" label="Change">
        <Input id="f-change" name="change" defaultValue={values.change} placeholder="CR-123" />
      </Field>
      <Field id="f-from" label="From (UTC)">
        <Input id="f-from" name="from" type="datetime-local" defaultValue={values.from} />
      </Field>
      <Field id="f-to" label="To (UTC)">
        <Input id="f-to" name="to" type="datetime-local" defaultValue={values.to} />
      </Field>
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClass("primary", "md")}>
          Filter
        </button>
        <Link href="/audit" className={buttonClass("ghost", "md")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
