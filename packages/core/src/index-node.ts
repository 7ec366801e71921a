// Core for Node: everything index.ts exports, with evaluation's code generator installed (formulas
// written out as JavaScript for evaluations without a trace: eval/codegen.ts). Node resolves
// `@autoscale/core` here by the "node" export condition; browser bundles get index.ts, which
// has no generator and so no `new Function` at all.

import { codeGenerationAllowed, generateProgram } from './eval/codegen.ts';
import { installCodeGenerator } from './eval/evaluate.ts';

installCodeGenerator({
  allowed: codeGenerationAllowed,
  generate: (formula, compiler) => generateProgram(formula, compiler).run,
});

export * from './index.ts';
