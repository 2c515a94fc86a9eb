#!/usr/bin/env node
// Runs AWS's offline CloudFormation validator (CEL engine) strictly, with this project's rules.
// Usage: node validate.js RULES_DIR TEMPLATE...
// Prints one JSON line per template: {"template", "status", "findings":[{ruleId, severity, resource, message}],
// "error"} (error only when the engine threw).
// Exits 1 when any template has a finding at WARN or above (strict turns WARN into ERROR) or did not
// analyse completely, 2 on a usage or setup error.
'use strict';
const fs = require('fs');
const path = require('path');
const validator = require('@aws/cloudformation-validate');

function main(args) {
  if (args.length < 2) {
    process.stderr.write('usage: node validate.js RULES_DIR TEMPLATE...\n');
    return 2;
  }
  const [rulesDir, ...templates] = args;
  const rules = fs.readdirSync(rulesDir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => new validator.RuleFile(path.join(rulesDir, f)));
  // The CEL engine: the Guard rules of this beta are broken, CEL rules work.
  const engine = new validator.CelEngine({ customRules: rules });
  let failed = false;
  try {
    for (const template of templates) {
      let report;
      try {
        report = engine.validateStandard(new validator.TemplateFile(template), { strict: true });
      } catch (error) {
        // A rule that cannot evaluate (e.g. a missing has() guard) must fail loudly, not pass.
        failed = true;
        process.stdout.write(JSON.stringify({ template, status: 'ERROR', findings: [], error: String(error) }) + '\n');
        continue;
      }
      // INFO findings are notes (e.g. "this property change replaces the resource"), not defects.
      const findings = report.diagnostics
        .filter((d) => ['WARN', 'ERROR', 'FATAL'].includes(d.severity))
        .map((d) => ({
          ruleId: d.ruleId,
          severity: d.severity,
          resource: d.entity ? d.entity.logicalId : null,
          path: d.propertyPath || null,
          line: d.startLine || null,
          message: d.message,
        }));
      failed = failed || findings.length > 0 || report.status !== 'OK';
      process.stdout.write(JSON.stringify({ template, status: report.status, findings }) + '\n');
    }
  } finally {
    engine.free();
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
