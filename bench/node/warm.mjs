// Warm cost of one Node ticket in microseconds: the median of 10 timed rounds of 2000 tickets after a
// warm-up (per-call timing would mostly measure the timer); prints the number.
import { createIssuer } from "./ticket.mjs";

const issue = createIssuer();
const request = { extension: "png", size: 48213 };
const PER_ROUND = 2000;

async function round() {
  const start = process.hrtime.bigint();
  for (let i = 0; i < PER_ROUND; i++) {
    await issue(request);
  }
  return Number(process.hrtime.bigint() - start) / 1000 / PER_ROUND;
}

for (let i = 0; i < 5; i++) await round();
const rounds = [];
for (let i = 0; i < 10; i++) rounds.push(await round());
rounds.sort((a, b) => a - b);
process.stdout.write(((rounds[4] + rounds[5]) / 2).toFixed(2) + "\n");
