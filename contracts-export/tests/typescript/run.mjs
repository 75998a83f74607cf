// Runs the compiled usage file against the servers given as JSON in the first argument
// ({"servers", "tokens", "fixtures"}); prints what did not hold and exits 1, or prints `ok`.
import { run } from "./usage.js";

const { servers, tokens, fixtures } = JSON.parse(process.argv[2]);
const problems = await run(servers, tokens, fixtures);
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("ok");
