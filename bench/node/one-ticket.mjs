// Cold start, Node side: start, build the issuer, answer one request, print it (bench/cold-start.sh).
import { createIssuer } from "./ticket.mjs";

const issue = createIssuer();
const ticket = await issue({ extension: "png", size: 48213 });
process.stdout.write(JSON.stringify(ticket) + "\n");
