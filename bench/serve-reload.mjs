#!/usr/bin/env node
// Measures `klausul serve`'s edit-to-reload time: from writing a guideline
// document to the moment the open page is told to reload (the WebSocket
// message the page's live-reload script acts on).
//
//   node --experimental-websocket bench/serve-reload.mjs KLAUSUL_BIN HANDBOOK_DIR [EDITS]
//
// Prints each edit's time and the median, as a table row.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const [bin, root, editsArg] = process.argv.slice(2);
if (!bin || !root) {
  console.error("usage: serve-reload.mjs KLAUSUL_BIN HANDBOOK_DIR [EDITS]");
  process.exit(2);
}
const edits = Number(editsArg ?? 15);
const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn(bin, ["serve", "--root", root, "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
let log = "";
server.stdout.on("data", (d) => (log += d));
server.stderr.on("data", (d) => (log += d));
const deadline = Date.now() + 120000;
while (!log.includes("Serving on")) {
  if (Date.now() > deadline || server.exitCode !== null) {
    console.error(log);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 50));
}
// The first document of the first council.
const content = path.join(root, "content");
const council = fs.readdirSync(content).filter((d) => fs.statSync(path.join(content, d)).isDirectory()).sort()[0];
const doc = path.join(content, council, fs.readdirSync(path.join(content, council)).filter((f) => f.endsWith(".md")).sort()[0]);
const original = fs.readFileSync(doc, "utf8");

const ws = new WebSocket(`ws://127.0.0.1:${port}/__klausul/live`);
await new Promise((r) => ws.addEventListener("open", r, { once: true }));
// Like a browser tab showing the topic page of confidentiality in nb.
ws.send("/nb/topics/confidentiality.html");
let waiting = null;
ws.addEventListener("message", (e) => {
  if (e.data === "reload" && waiting) {
    const w = waiting;
    waiting = null;
    w(performance.now());
  }
});
const times = [];
try {
  for (let i = 0; i < edits; i++) {
    await new Promise((r) => setTimeout(r, Number(process.env.PAUSE_MS ?? 4000))); // let the last rebuild finish
    const text = original.replace(/\n$/, "") + `\n\nEndra ${i}.\n`;
    const got = new Promise((r) => (waiting = r));
    const t0 = performance.now();
    fs.writeFileSync(doc, text);
    const t1 = await Promise.race([got, new Promise((r) => setTimeout(() => r(null), 10000))]);
    if (t1 === null) throw new Error("no reload within 10 s\n" + log);
    times.push(t1 - t0);
  }
} finally {
  fs.writeFileSync(doc, original);
  ws.close();
  server.kill();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const p90 = times[Math.floor(times.length * 0.9)];
console.log(`edits: ${times.length}; edit-to-reload median ${median.toFixed(1)} ms, p90 ${p90.toFixed(1)} ms, min ${times[0].toFixed(1)} ms`);
const lines = log.split("\n").filter((l) => l.startsWith("Rebuilt"));
console.log(`server's own figures (last 3):\n  ${lines.slice(-3).join("\n  ")}`);
