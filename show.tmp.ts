import { loadIamCatalogue } from "./lib/iam/catalogue";
import { deployPolicyDocuments } from "./lib/constructs/deploy-policies";
(async()=>{ await loadIamCatalogue(); const d = deployPolicyDocuments(); for (const p of process.argv.slice(2)) for (const s of (d as any)[p].statements) console.log(JSON.stringify(s)); })();
