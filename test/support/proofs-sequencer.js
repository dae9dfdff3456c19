"use strict";
const Sequencer = require("@jest/test-sequencer").default;

/**
 * The proof tier's order: the suites that take minutes, mostly waiting on the provider's polls
 * against the local AWS (RDS's 30 s delays, S3 lifecycle consistency), start first, so the other
 * worker runs everything else meanwhile instead of one of them starting last and running alone.
 * Jest's own order (failed first, then the durations it cached, else file size) ranks the rest; on
 * a fresh clone jest has no durations and file size put the apply proof seventh.
 */
const LONGEST_FIRST = ["test/proofs/apply-modules.proof.test.ts", "test/proofs/cdktf-deploy.proof.test.ts"];

const rank = (test) => {
  const index = LONGEST_FIRST.findIndex((suffix) => test.path.endsWith(suffix));
  return index < 0 ? LONGEST_FIRST.length : index;
};

class ProofsSequencer extends Sequencer {
  sort(tests) {
    return [...super.sort(tests)].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = ProofsSequencer;
