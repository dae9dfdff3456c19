"use strict";
// Jest's TypeScript transform: esbuild's transformSync (esbuild is already a dependency: the app
// bundle uses it), one file at a time, types stripped and nothing checked. Type-checking is `npm run
// build` (tsc --noEmit over the same files); tsconfig.json sets isolatedModules, so every file
// compiles alone, and its compilerOptions are handed to esbuild (ES2022 class-field semantics, as
// tsc gives them). ts-jest loaded the TypeScript compiler in every worker and transpiled with it.
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const esbuild = require("esbuild");

const tsconfigText = readFileSync(join(__dirname, "..", "..", "tsconfig.json"), "utf8");
const { compilerOptions } = JSON.parse(tsconfigText);
const VERSION = `${esbuild.version}\0${tsconfigText}\0${readFileSync(__filename, "utf8")}`;

module.exports = {
  canInstrument: false,
  getCacheKey(source, path) {
    return createHash("sha256")
      .update(VERSION)
      .update("\0")
      .update(path)
      .update("\0")
      .update(source)
      .digest("hex");
  },
  process(source, path) {
    const result = esbuild.transformSync(source, {
      loader: path.endsWith(".ts") ? "ts" : "js",
      format: "cjs",
      target: "node20",
      platform: "node",
      sourcefile: path,
      sourcemap: "external",
      sourcesContent: false,
      tsconfigRaw: { compilerOptions },
      // import() becomes require(), as tsc emits it for module commonjs: jest's module system has
      // no dynamic import without --experimental-vm-modules.
      supported: { "dynamic-import": false },
    });
    return { code: result.code, map: result.map };
  },
};
