// Next (and any library) writes with console.*; in production those lines would break the JSON log
// stream that a log shipper parses line by line. captureConsole() routes them through lib/log.ts:
// each call becomes one JSON line, `msg` "console", the text under `text`, at the matching level.
import { format } from "node:util";
import { log } from "./log";

export function captureConsole(): void {
  const as = (level: "debug" | "info" | "warn" | "error") => (...args: unknown[]) => log[level]("console", { text: format(...args) });
  console.log = as("info");
  console.info = as("info");
  console.debug = as("debug");
  console.warn = as("warn");
  console.error = as("error");
}
