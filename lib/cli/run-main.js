"use strict";
// `cdktf synth` runs this (cdktf.json "app"): main.ts, bundled and cached by app-bundle.js.
const { join } = require("node:path");
const { runBundled } = require("./app-bundle");

// A crash prints its stack against lib/**/*.ts (the bundle's source map), not the cached bundle.
runBundled(join(__dirname, "..", ".."));
