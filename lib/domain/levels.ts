// Engineering levels, in order. Pure.
export const LEVELS = ["JUNIOR", "MID", "SENIOR", "PRINCIPAL"] as const;
export type Level = (typeof LEVELS)[number];

export const ROLES = ["MANAGER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function atLeast(level: Level, minimum: Level): boolean {
  return levelRank(level) >= levelRank(minimum);
}

export function isSeniorPlus(level: Level): boolean {
  return atLeast(level, "SENIOR");
}

export const LEVEL_LABEL: Record<Level, string> = {
  JUNIOR: "Junior",
  MID: "Mid-level",
  SENIOR: "Senior",
  PRINCIPAL: "Principal",
};
