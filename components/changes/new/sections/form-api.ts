// What each section of the submit form gets from the form: the values, a setter, and the server's
// error for a field (the API names fields as the form does).
import type { DraftFormValues } from "@/lib/domain/changes/draft-form";

export interface FormApi {
  values: DraftFormValues;
  set: <K extends keyof DraftFormValues>(key: K, value: DraftFormValues[K]) => void;
  errorFor: (field: string) => string | undefined;
}
