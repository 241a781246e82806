"use client";
// The API reference: Scalar's renderer over the OpenAPI document the API generates from its own
// schemas (/api/v1/openapi.json), so what it shows is what the handlers accept. No fonts or
// scripts from elsewhere (the portal's content security policy would refuse them anyway).
import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";

export function ApiReference() {
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <ApiReferenceReact
        configuration={{
          url: "/api/v1/openapi.json",
          withDefaultFonts: false,
          hideClientButton: true,
          hideDarkModeToggle: true,
          forceDarkModeState: "light",
          layout: "modern",
          telemetry: false,
        }}
      />
    </div>
  );
}
