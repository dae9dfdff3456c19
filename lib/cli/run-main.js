"use strict";
// `cdktf synth` runs this (cdktf.json "app"): main.ts, bundled and cached by app-bundle.js.
const { join } = require("node:path");
const { ensureBundle } = require("./app-bundle");

require(ensureBundle(join(__dirname, "..", "..")));
