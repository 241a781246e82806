// The queue's team filter offers the teams whose systems the person reviews, not every team.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeSystem, makeTeam, makeUser } from "@/prisma/factories";
import { ownershipOf, queueTeamOptions } from "./queue";

describe("the queue's team filter", () => {
  it("lists the teams owning the person's systems, and the team the filter names", async () => {
    const mine = await makeTeam(db, { name: "Aardvark payments" });
    const other = await makeTeam(db);
    await makeSystem(db, { owningTeamId: mine.id });
    await makeSystem(db, { owningTeamId: other.id });
    const senior = await makeUser(db, { level: "SENIOR", teamId: mine.id });
    const outsider = await makeUser(db, { level: "SENIOR" });

    expect(await queueTeamOptions(await ownershipOf(senior.id))).toEqual([
      { slug: mine.slug, name: mine.name },
    ]);
    expect(
      (await queueTeamOptions(await ownershipOf(senior.id), other.slug)).map((t) => t.slug).sort(),
    ).toEqual([mine.slug, other.slug].sort());
    expect(await queueTeamOptions(await ownershipOf(outsider.id))).toEqual([]);
    expect(await queueTeamOptions(await ownershipOf(outsider.id), "no-such-team")).toEqual([]);
  });
});
