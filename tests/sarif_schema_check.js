// Validates SARIF files against the SARIF 2.1.0 JSON schema with ajv (draft 2020-12, every error).
// usage: node sarif_schema_check.js SCHEMA FILE...   (NODE_PATH names the node_modules holding ajv)
// Prints "FILE: valid" or one line per schema error; exits 1 when any file is invalid.
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));
let invalid = 0;
for (const file of process.argv.slice(3)) {
  if (validate(JSON.parse(fs.readFileSync(file, "utf8")))) {
    console.log(`${file}: valid`);
    continue;
  }
  invalid++;
  for (const e of validate.errors) console.log(`${file}: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}
process.exit(invalid ? 1 : 0);
