"use client";
// One labelled form field: the label, the control (a one-line input or a text area), an optional
// hint and the field's error, wired together for assistive technology (aria-invalid and
// aria-describedby name the hint and the error). The id is also the field's name in the API's
// error details, so an error summary can link to it.
import { FieldError, Hint, Input, Label, Textarea } from "./field";
import { useKeepTyped } from "./use-hydrated";

interface Common {
  id: string;
  label: React.ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: React.ReactNode;
  error?: string;
  /** Mark the field invalid even without a message from the server (a local check failed). */
  invalid?: boolean;
  placeholder?: string;
  className?: string;
  required?: boolean;
}

type Props = Common &
  (
    | {
        multiline?: false;
        type?: "text" | "url" | "number";
        list?: string;
        maxLength?: number;
        min?: number;
      }
    | { multiline: true; rows?: number; spellCheck?: boolean }
  );

export function TextField(props: Props) {
  const { id, label, value, onChange, hint, error, placeholder, className, required } = props;
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") ||
    undefined;
  const keep = useKeepTyped(value, onChange);
  const shared = {
    id,
    ref: keep,
    value,
    placeholder,
    className,
    required,
    "aria-invalid": error || props.invalid ? true : undefined,
    "aria-describedby": describedBy,
  };
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      {props.multiline ? (
        <Textarea
          {...shared}
          rows={props.rows ?? 3}
          spellCheck={props.spellCheck}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <Input
          {...shared}
          type={props.type ?? "text"}
          list={props.list}
          maxLength={props.maxLength}
          min={props.min}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {hint ? <Hint id={`${id}-hint`}>{hint}</Hint> : null}
      <FieldError id={`${id}-error`}>{error}</FieldError>
    </div>
  );
}
