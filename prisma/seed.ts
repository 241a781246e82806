// npm run db:seed: seeds the demo organisation into an empty database (and does nothing when
// people already exist, so a second run keeps everything).
import { createDb } from "@/lib/db";
import { seedDemoIfEmpty } from "./seed-demo";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("db:seed: DATABASE_URL is not set");
  process.exit(2);
}
const db = createDb(url);
try {
  const result = await seedDemoIfEmpty(db, (line) => console.log(line));
  if (!result.seeded) console.log("db:seed: the database already has people; nothing seeded.");
} finally {
  await db.$disconnect();
}
