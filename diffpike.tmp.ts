import { CATALOGUE, allActions } from "./lib/permissions/catalogue";
import * as fs from "fs";
import * as path from "path";
const root = "/work/shared/reference/pike/src/mapping/aws/resource";
const files: Record<string,string> = {};
for (const svc of fs.readdirSync(root)) for (const f of fs.readdirSync(path.join(root, svc))) files[f.replace(".json","")] = path.join(root, svc, f);
let n=0;
for (const [type, entry] of Object.entries(CATALOGUE)) {
  const raw = JSON.parse(fs.readFileSync(files[type], "utf8"))[0];
  const pike = new Set<string>([...(raw.apply??[]),...(raw.plan??[]),...(raw.modify??[]),...(raw.destroy??[]),...Object.values(raw.attributes??{}).flat() as string[]]);
  const cat = new Set([...allActions(entry), ...(entry.related??[]).flatMap(r=>r.actions)]);
  const pikeOnly = [...pike].filter(a=>!cat.has(a)); const catOnly=[...cat].filter(a=>!pike.has(a));
  n+=pikeOnly.length+catOnly.length;
  console.log(type, "\n  pike-only:", pikeOnly.join(" "), "\n  cat-only:", catOnly.join(" "));
}
console.log(n);
