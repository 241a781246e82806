import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { readJson } from "./read-json";

const URL = "http://localhost/api/v1/x";

function post(body: BodyInit, headers: Record<string, string> = {}) {
  return new NextRequest(URL, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
    // A stream body is sent chunked, without Content-Length.
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as ConstructorParameters<typeof NextRequest>[1]);
}

async function refusal(req: NextRequest, max?: number): Promise<AppError> {
  try {
    await readJson(req, max);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("readJson accepted the body");
}

describe("readJson", () => {
  it.each([
    ["application/json", 201],
    ["application/json; charset=utf-8", 201],
    ["Application/JSON ; charset=UTF-8", 201],
    ["text/plain; application/json", 415],
    ["text/plain;charset=utf-8;application/json", 415],
    ["application/json-patch+json", 415],
    ["application/jsonx", 415],
    ["multipart/form-data; boundary=application/json", 415],
    ["", 415],
  ])("content type %j: %i", async (type, expected) => {
    const req = new NextRequest(URL, {
      method: "POST",
      body: '{"a":1}',
      headers: type ? { "content-type": type } : {},
    });
    if (expected === 201) await expect(readJson(req)).resolves.toEqual({ a: 1 });
    else expect((await refusal(req)).status).toBe(415);
  });

  it("stops reading a chunked body at the limit (413) instead of reading it whole", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        if (pulled > 50 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const error = await refusal(post(endless), 1024 * 1024);
    expect(error.status).toBe(413);
    // At most the limit and the chunks already queued, never the 50 MB on offer.
    expect(pulled).toBeLessThan(2 * 1024 * 1024);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const error = await refusal(post("x".repeat(100), { "content-length": "100" }), 10);
    expect(error.status).toBe(413);
  });

  it("refuses a body nested deeper than the limit with a 400 naming the body", async () => {
    const deep = "[".repeat(4000) + "]".repeat(4000);
    const error = await refusal(post(deep));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/nested/);
    const objects = '{"a":'.repeat(4000) + "1" + "}".repeat(4000);
    expect((await refusal(post(objects))).status).toBe(400);
  });

  it("accepts ordinary nesting and brackets inside strings", async () => {
    const body = { a: [{ b: [[1, 2], { c: "[[[[{{{{" }] }], d: '\\"]' };
    await expect(readJson(post(JSON.stringify(body)))).resolves.toEqual(body);
  });

  it.each([
    ['{"title":"\\ud800"}', "title"],
    ['{"title":"ok \\udc00 end"}', "title"],
    ['{"notes":["fine","\\udbff"]}', "notes.1"],
    ['{"\\ud800":"key"}', "\\ud800"],
    ['{"title":"a\\u0000b"}', "title"],
  ])("refuses %s naming %s", async (body, field) => {
    const error = await refusal(post(body));
    expect(error.status).toBe(400);
    expect(JSON.stringify(error.details)).toContain(JSON.stringify(field).slice(1, -1));
  });

  it("keeps well-formed astral characters", async () => {
    await expect(readJson(post('{"t":"\\ud83d\\ude00 😀"}'))).resolves.toEqual({ t: "😀 😀" });
  });

  it("refuses malformed JSON with a 400", async () => {
    expect((await refusal(post('{"a":'))).status).toBe(400);
    expect((await refusal(post(new Uint8Array([0xff, 0xfe, 0x7b])))).status).toBe(400);
  });
});
