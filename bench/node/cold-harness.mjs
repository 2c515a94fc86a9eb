// Times fresh processes from spawn to the first byte on stdout (the ticket), interleaving the commands so
// that a change in machine load hits all of them alike.
// Usage: node cold-harness.mjs RUNS LABEL1 'CMD1' LABEL2 'CMD2' ...  (each CMD run by /bin/sh)
// Prints one line per command: LABEL<TAB>median_ms<TAB>min_ms<TAB>max_ms. A command whose output has a
// line "phases CONSTRUCT FIRST SECOND" (ms, bench's ColdStartPhases) also gets a line
// phases:LABEL<TAB>boot<TAB>construct<TAB>first<TAB>second (medians; boot = time to first output less the rest).
import { spawn } from "node:child_process";

const [runsArg, ...pairs] = process.argv.slice(2);
const runs = Number(runsArg);
if (!(runs > 0) || pairs.length === 0 || pairs.length % 2 !== 0) {
  console.error("usage: node cold-harness.mjs RUNS LABEL 'COMMAND' [LABEL 'COMMAND' ...]");
  process.exit(2);
}
const commands = [];
for (let i = 0; i < pairs.length; i += 2) commands.push({ label: pairs[i], command: pairs[i + 1], times: [] });

function timeOnce(command) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    let first = null;
    let output = "";
    let errors = "";
    const child = spawn("/bin/sh", ["-c", `exec ${command}`], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk) => {
      if (first === null) first = process.hrtime.bigint();
      output += chunk;
    });
    child.stderr.on("data", (chunk) => { errors += chunk; });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0 || !output.includes('"upload"')) {
        reject(new Error(`'${command}' failed (exit ${code}): ${output}${errors}`));
      } else {
        const phases = /^phases (\S+) (\S+) (\S+)$/m.exec(output);
        resolve({ ms: Number(first - start) / 1e6, phases: phases ? phases.slice(1).map(Number) : null });
      }
    });
  });
}

const median = (values) => {
  const t = [...values].sort((a, b) => a - b);
  return t.length % 2 ? t[(t.length - 1) / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
};

for (const c of commands) await timeOnce(c.command); // one untimed run each: page cache, npm/jar files
for (let i = 0; i < runs; i++) {
  for (const c of commands) {
    const { ms, phases } = await timeOnce(c.command);
    c.times.push(ms);
    if (phases) (c.phases ??= []).push([ms - phases[0] - phases[1] - phases[2], ...phases]);
  }
}
for (const c of commands) {
  const t = [...c.times].sort((a, b) => a - b);
  console.log([c.label, median(t).toFixed(1), t[0].toFixed(1), t[t.length - 1].toFixed(1)].join("\t"));
  if (c.phases) {
    const columns = [0, 1, 2, 3].map((k) => median(c.phases.map((p) => p[k])).toFixed(1));
    console.log([`phases:${c.label}`, ...columns].join("\t"));
  }
}
