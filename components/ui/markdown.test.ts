// Comments are Markdown from people: the security issue's XSS payloads must render inert.
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Markdown } from "./markdown";

const render = (text: string) => renderToStaticMarkup(createElement(Markdown, null, text));

describe("comment Markdown", () => {
  it.each([
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "![x](javascript:alert(1))",
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://evil.example"></iframe>',
    "[x](  JaVaScRiPt:alert(1))",
    '<div style="background:url(javascript:alert(1))">x</div>',
  ])("renders %j inert", (payload) => {
    const html = render(payload);
    expect(html).not.toMatch(/<script|<iframe|<svg|\son\w+=|javascript:|style=/i);
  });

  it("renders what people write: emphasis, lists, code, links", () => {
    const html = render("**bold** and `x`\n\n- one\n- two\n\n[docs](https://example.com)");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain('href="https://example.com"');
  });

  it("shows a suggested change as a block to copy", () => {
    const html = render("```suggestion\nconst RETRIES = 3;\n```");
    expect(html).toContain("Suggested change");
    expect(html).toContain("const RETRIES = 3;");
  });
});
