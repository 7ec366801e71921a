// The one registry of diagnostic codes and their messages. Every diagnostic the core reports is
// declared here with its stable code, severity, layer and message templates; codes are never
// reused. A reporting site names a code, a message id and the template's arguments, never prose
// (as TypeScript's message table and typescript-eslint's `meta.messages` do): `{{name}}` in a
// template is filled from the arguments, and the types check that every placeholder gets one.
// Quick-fix titles are templates too (FIX_TITLES), so the same fix reads the same everywhere.
// Layers: syntax (AS1xxx), semantic (AS2xxx), runtime (AS3xxx, evaluation errors surfaced by the
// evaluator), lint (AS4xxx, opinionated and switchable in the editor), host (AS5xxx, the file a
// formula is embedded in: ARM, Bicep, Terraform, pool JSON).

import type { Range } from './text/source.ts';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type DiagnosticLayer = 'syntax' | 'semantic' | 'runtime' | 'lint' | 'host';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix attached to a diagnostic; editors turn it into a code action. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
}

interface CodeInfo {
  severity: Severity;
  layer: DiagnosticLayer;
  /** What the code means, in one line (API users and docs list codes with it). */
  summary: string;
  /** The code's messages by id; `{{name}}` is filled from the reporting site's arguments. */
  messages: Readonly<Record<string, string>>;
}

export const DIAGNOSTIC_CODES = {
  // Syntax
  AS1001: {
    severity: 'error',
    layer: 'syntax',
    summary: 'Syntax error: unexpected or missing token.',
    messages: {
      unexpected: 'Unexpected {{token}}.',
      expectedToken: 'Expected {{expected}} but found {{token}}.',
      expectedExpression: 'Expected an expression but found {{token}}.',
      notAnalysed: 'This formula could not be analysed ({{reason}}). Editor features are off until it changes.',
    },
  },
  AS1002: {
    severity: 'error',
    layer: 'syntax',
    summary: "Missing ';' between two statements.",
    messages: { missing: "Missing ';' before '{{word}}': statements must be separated by semicolons." },
  },
  AS1003: {
    severity: 'error',
    layer: 'syntax',
    summary: 'Block comments /* */ are not accepted by the service; use //.',
    messages: {
      blockComment: "Block comments are not accepted by the Batch service: it only knows '//' line comments.",
    },
  },
  AS1004: {
    severity: 'error',
    layer: 'syntax',
    summary: 'Number spelled in a form the service does not accept (1e3, .5, 5.).',
    messages: {
      spelling:
        "Number '{{spelling}}' is not accepted by the service: write numbers as digits with an optional fraction.",
      spellingWithFix:
        "Number '{{spelling}}' is not accepted by the service: write numbers as digits with an optional fraction, here '{{accepted}}'.",
    },
  },
  AS1005: {
    severity: 'error',
    layer: 'syntax',
    summary: 'Single-quoted string; the service only accepts double quotes.',
    messages: { singleQuotes: 'Strings use double quotes: the service does not accept single-quoted strings.' },
  },
  AS1006: {
    severity: 'error',
    layer: 'syntax',
    summary: 'String literal not closed before the end of the line.',
    messages: { unclosed: "String not closed: add the closing '\"' on the same line." },
  },
  AS1007: {
    severity: 'error',
    layer: 'syntax',
    summary: 'Character that cannot appear in a formula.',
    messages: {
      unexpected: 'Unexpected {{characters}}.',
      escapedQuote:
        'Unexpected character \'\\\': \\" is C#-style escaping pasted into the formula; the formula language has no escapes, write " on its own.',
      interpolation:
        "Unexpected character '{{character}}': host-language interpolation such as {pool.CurrentDedicatedNodes} was left in the formula text.",
      remainder: "Unexpected character '%': the formula language has no remainder operator.",
      singleLogical: "Unexpected character '{{character}}': the logical operators are '{{operator}}'.",
    },
  },
  AS1008: {
    severity: 'warning',
    layer: 'syntax',
    summary: "Empty statement (';;' or a leading ';').",
    messages: { empty: "Empty statement: remove the extra ';'." },
  },
  AS1009: {
    severity: 'error',
    layer: 'syntax',
    summary: 'Formula longer than 8192 characters (AutoScaleFormulaTooLong).',
    messages: {
      tooLong:
        'Formula is {{length}} characters long; the service accepts at most {{limit}} (AutoScaleFormulaTooLong).',
      tooLongForEditor:
        'Formula is {{length}} characters long; the service accepts at most {{limit}} (AutoScaleFormulaTooLong). Editor features are off above {{analysedLimit}} characters.',
    },
  },
  AS1010: {
    severity: 'error',
    layer: 'syntax',
    summary: 'Formula with more than 100 statements.',
    messages: { tooMany: 'Formula has {{count}} statements; the service accepts at most {{limit}}.' },
  },
  AS1011: {
    severity: 'error',
    layer: 'syntax',
    summary: 'Statement nested or chained too deeply to analyse (over 64 levels or 500 operators).',
    messages: {
      tooDeep:
        'This statement nests parentheses, brackets, prefix operators, ?: or member chains more than {{limit}} deep; split it into several statements.',
      tooManyOperators:
        'This statement has {{count}} operators; the limit is {{limit}}. Split it into several statements.',
    },
  },
  // Names and types
  AS2001: {
    severity: 'error',
    layer: 'semantic',
    summary: 'Unknown variable: never assigned and not a service variable (Undefined symbol).',
    messages: {
      unknown: 'Undefined symbol: {{name}}. It is not a service variable, and no statement before this one assigns it.',
      didYouMean: 'Undefined symbol: {{name}}. Did you mean {{suggestion}}?',
      functionWithoutCall: 'Undefined symbol: {{name}} is a function; call it as {{name}}(...).',
    },
  },
  AS2002: {
    severity: 'error',
    layer: 'semantic',
    summary: 'User variable read before the statement that assigns it.',
    messages: {
      readBeforeAssigned: "'{{name}}' is read before the statement that assigns it: statements run in order.",
    },
  },
  AS2003: {
    severity: 'error',
    layer: 'semantic',
    summary: 'Unknown function.',
    messages: {
      unknown: "Unknown function '{{name}}'.",
      didYouMean: "Unknown function '{{name}}'. Did you mean {{suggestion}}?",
    },
  },
  AS2004: {
    severity: 'error',
    layer: 'semantic',
    summary: 'Unknown sample method.',
    messages: {
      unknown: "Unknown sample method '{{name}}'; the methods are {{methods}}.",
      didYouMean: "Unknown sample method '{{name}}'. Did you mean {{suggestion}}?",
    },
  },
  AS2005: {
    severity: 'error',
    layer: 'semantic',
    summary: 'Unknown timestamp member.',
    messages: {
      unknown: "Unknown timestamp member '{{name}}'; members are {{members}}.",
      didYouMean: "Unknown timestamp member '{{name}}'. Did you mean {{suggestion}}?",
      methodWithoutCall: "'{{name}}' is a method: call it as .{{name}}(...).",
    },
  },
  AS2006: {
    severity: 'error',
    layer: 'semantic',
    summary: 'Wrong number of arguments.',
    messages: { arity: '{{name}} takes {{arities}}, not {{count}}: {{signatures}}.' },
  },
  AS2007: {
    severity: 'error',
    layer: 'semantic',
    summary: 'Argument types match no overload.',
    messages: {
      noOverload: 'No overload of {{name}} accepts ({{argumentTypes}}); expected {{signatures}}.',
      vectorElement: 'Vector elements must be doubles, not {{type}}.',
    },
  },
  AS2008: {
    severity: 'error',
    layer: 'semantic',
    summary: 'Operator not defined for these operand types.',
    messages: {
      unary: "Operator '{{operator}}' cannot be applied to {{operand}}.",
      binary: "Operator '{{operator}}' cannot be applied to {{left}} and {{right}}; it accepts {{signatures}}.",
    },
  },
  AS2009: {
    severity: 'error',
    layer: 'semantic',
    summary: 'Assignment to a read-only service variable or constant.',
    messages: {
      builtin: "Cannot assign to '{{name}}': it is a built-in {{kind}}.",
      readOnly: "Cannot assign to '{{name}}': it is a read-only service variable.",
    },
  },
  AS2010: {
    severity: 'error',
    layer: 'semantic',
    summary: '$NodeDeallocationOption given something other than requeue, terminate, taskcompletion or retaineddata.',
    messages: {
      notKeyword: '$NodeDeallocationOption must be one of the bare keywords {{keywords}}.',
      quotedKeyword:
        '$NodeDeallocationOption must be one of the bare keywords {{keywords}}. Write it without quotes: {{keyword}}.',
      didYouMean: '$NodeDeallocationOption must be one of the bare keywords {{keywords}}. Did you mean {{suggestion}}?',
      unknownName: "$NodeDeallocationOption must be one of the bare keywords {{keywords}}, not '{{name}}'.",
      unknownNameDidYouMean:
        "$NodeDeallocationOption must be one of the bare keywords {{keywords}}, not '{{name}}'. Did you mean {{suggestion}}?",
    },
  },
  AS2011: {
    severity: 'error',
    layer: 'semantic',
    summary: 'Deallocation keyword used outside "$NodeDeallocationOption = keyword".',
    messages: {
      outsideAssignment:
        "'{{name}}' is a deallocation keyword: it can only be assigned to $NodeDeallocationOption, as in '$NodeDeallocationOption = {{name}};'.",
    },
  },
  AS2012: {
    severity: 'error',
    layer: 'semantic',
    summary: 'Sample method called on something that is not a sampled metric.',
    messages: {
      notMetricName:
        "{{method}} is a sample method of sampled metrics such as $PendingTasks; '{{name}}' is not a sampled metric.",
      notMetricValue:
        '{{method}} is a sample method of sampled metrics such as $PendingTasks; it is applied to {{type}}.',
    },
  },
  AS2013: {
    severity: 'error',
    layer: 'semantic',
    summary: 'Member access on something that is not a timestamp.',
    messages: { notTimestamp: "'.{{member}}' applies to timestamps, not to {{type}}." },
  },
  AS2014: {
    severity: 'error',
    layer: 'semantic',
    summary: 'Wrong type assigned to a target variable.',
    messages: { notNodeCount: "'{{name}}' needs a number of nodes, but this is {{type}}." },
  },
  AS2015: {
    severity: 'error',
    layer: 'semantic',
    summary: 'Condition of ?: is not a number.',
    messages: { notNumber: "The condition of '?:' must be a number (non-zero is true), not {{type}}." },
  },
  AS2016: {
    severity: 'error',
    layer: 'semantic',
    summary: 'The result of stop() used as a value.',
    messages: { assigned: "stop() has no value to assign to '{{name}}'.", used: 'stop() has no value to use here.' },
  },
  AS2017: {
    severity: 'error',
    layer: 'semantic',
    summary: 'time() given a constant string it cannot parse.',
    messages: { unparsable: 'time() cannot parse "{{text}}": {{reason}}.' },
  },
  // Runtime (evaluation errors; reported by the evaluator and its trace). The service's own wording
  // where it is known (docs/semantics.md §10): these texts reach results and error strings.
  AS3001: {
    severity: 'error',
    layer: 'runtime',
    summary: 'Undefined symbol at evaluation.',
    messages: { undefinedSymbol: 'Undefined symbol: {{name}}' },
  },
  AS3002: {
    severity: 'error',
    layer: 'runtime',
    summary: 'Insufficient sample data (InsufficientSampleData).',
    messages: {
      percent: 'Insufficient data from data set: {{metric}} wanted {{wanted}}%, received {{received}}%',
      noSampleYet: 'Insufficient data from data set: {{metric}} has no sample yet',
      noSampleAsNumber: 'Insufficient data from data set: {{metric}} has no sample to use as a number',
    },
  },
  AS3003: {
    severity: 'error',
    layer: 'runtime',
    summary: 'Type mismatch at evaluation.',
    messages: {
      missingExpression: 'Syntax error: missing expression',
      assignToBuiltin: 'Type mismatch: cannot assign to the built-in {{kind}} {{name}}',
      assignStop: 'Type mismatch: stop() has no value to assign to {{name}}',
      assignReadOnly: 'Type mismatch: cannot assign to the read-only service variable {{name}}',
      deallocationValue: 'Type mismatch: $NodeDeallocationOption must be {{keywords}}, not {{value}}',
      keywordOutsideAssignment: 'Type mismatch: {{name}} can only be assigned to $NodeDeallocationOption',
      unaryOperator: "Type mismatch: operator '{{operator}}' cannot be applied to {{operand}}",
      binaryOperator: "Type mismatch: operator '{{operator}}' cannot be applied to {{left}} and {{right}}",
      memberOfNonTimestamp: 'Type mismatch: .{{member}} applies to timestamps, not to {{type}}',
      methodOfNonMetric: 'Type mismatch: {{method}} is a sample method of sampled metrics, not of {{type}}',
      sampleMethodReceiver: 'Type mismatch: sample methods apply to sampled metrics only',
      noOverload: 'Type mismatch: no overload of {{name}} accepts ({{argumentTypes}})',
      expectsDouble: 'Type mismatch: {{what}} expects a double, got {{type}}',
      expectsVector: 'Type mismatch: {{what}} expects a doubleVec, got {{type}}',
      windowBound: 'Type mismatch: a sample window bound must be a timestamp or a timeinterval',
      timeArgument: 'Type mismatch: time() expects a string',
    },
  },
  AS3004: {
    severity: 'error',
    layer: 'runtime',
    summary:
      'Invalid argument value at evaluation (empty list, index or percentile out of range, bad time string, vector lengths).',
    messages: {
      emptyList: '{{name}}() of an empty list',
      percentileEmpty: 'percentile() of an empty vector',
      percentileRange: 'percentile() expects a percentage from 0 to 100, got {{value}}',
      timeUnparsable: 'time() cannot parse "{{text}}": {{reason}}',
      vectorLengths: 'Vector lengths differ: {{left}} and {{right}}',
    },
  },
  AS3005: {
    severity: 'error',
    layer: 'runtime',
    summary: 'A target evaluated to NaN or infinity.',
    messages: { notFinite: 'Target {{target}} is {{value}}' },
  },
  // Lint
  AS4001: {
    severity: 'warning',
    layer: 'lint',
    summary: 'Backslash before a quote: C#-style escaping pasted into a formula.',
    messages: {
      escapedQuote:
        'This string ends with a backslash: \\" is C#-style escaping; the formula language has no escapes and the string ends at the first quote.',
    },
  },
  AS4002: {
    severity: 'warning',
    layer: 'lint',
    summary: 'A metric read only through its last sample (GetSample(1) or used as a number); that sample may be old.',
    messages: {
      lastSampleOnly:
        '{{metric}} is only read through GetSample(1), its last available sample, which may be minutes old. Combine it with a window, e.g. max({{metric}}.GetSample(1), avg({{metric}}.GetSample(TimeInterval_Minute * 5))).',
    },
  },
  AS4003: {
    severity: 'warning',
    layer: 'lint',
    summary: 'Sample window ending less than a minute ago with a percent requirement a ~60 s delay cannot meet.',
    messages: {
      windowTooRecent:
        "This window ends less than a minute ago: with the service's ~60 s sample delay at most {{available}}% of its samples can be available, below the {{wanted}}% required, so evaluation would fail with InsufficientSampleData. End the window a minute or more ago, or lower the percentage.",
    },
  },
  AS4004: {
    severity: 'warning',
    layer: 'lint',
    summary: 'Percentage ($CPUPercent or GetSamplePercent) compared with a fraction between 0 and 1.',
    messages: {
      fraction:
        '{{percentage}} is a percentage from 0 to 100, but it is compared with {{fraction}}: did you mean {{percent}}?',
    },
  },
  AS4005: {
    severity: 'warning',
    layer: 'lint',
    summary: 'weekday compared with 7; weekdays run 0 (Sunday) to 6 (Saturday).',
    messages: { seven: 'weekday runs from 0 (Sunday) to 6 (Saturday): it is never 7. Use 0 for Sunday.' },
  },
  AS4006: {
    severity: 'warning',
    layer: 'lint',
    summary: 'Both foo and $foo used: they are two different variables.',
    messages: { both: "Both '{{plain}}' and '{{dollar}}' are used: they are two different variables." },
  },
  AS4007: {
    severity: 'warning',
    layer: 'lint',
    summary: 'No target variable assigned: the formula never changes the pool size.',
    messages: {
      noTarget:
        'The formula assigns neither $TargetDedicatedNodes nor $TargetLowPriorityNodes, so it never changes the pool size.',
    },
  },
  AS4008: {
    severity: 'info',
    layer: 'lint',
    summary: 'Metric retired after 31 March 2024: no longer populated with samples.',
    messages: { retired: '{{name}} was retired after 31 March 2024: the service no longer populates it with samples.' },
  },
  AS4009: {
    severity: 'hint',
    layer: 'lint',
    summary: 'Legacy alias of a service variable; the current name is clearer.',
    messages: { legacyName: '{{name}} is the legacy name of {{current}}.' },
  },
  AS4010: {
    severity: 'warning',
    layer: 'lint',
    summary: 'Sampled metric used directly as a number (its most recent sample).',
    messages: {
      metricAsNumber:
        '{{name}} is a sampled metric used as a number: that is its most recent sample, which may be old. Prefer an explicit window, e.g. avg({{name}}.GetSample(TimeInterval_Minute * 5)).',
    },
  },
  AS4011: {
    severity: 'warning',
    layer: 'lint',
    summary: 'User variable named like a built-in function.',
    messages: {
      functionName: "'{{name}}' is also the name of a built-in function; a different name would read more clearly.",
    },
  },
  AS4012: {
    severity: 'warning',
    layer: 'lint',
    summary: 'Both a target variable and its alias assigned: the full name wins.',
    messages: {
      bothAssigned: 'Both {{name}} and its alias {{alias}} are assigned: the value assigned to {{name}} wins.',
    },
  },
  AS4013: {
    severity: 'warning',
    layer: 'lint',
    summary: 'User variable spelled like a service variable in another case: probably a typo.',
    messages: {
      caseVariant:
        "'{{name}}' is a new user variable, not the service variable {{service}} (names are case-sensitive and service variables start with '$').",
    },
  },
  AS4014: {
    severity: 'warning',
    layer: 'lint',
    summary: 'Statement has no effect: a bare expression is evaluated and discarded.',
    messages: {
      noEffect: 'This statement has no effect: its value is computed and discarded. Assign it to a variable?',
    },
  },
  AS4015: {
    severity: 'warning',
    layer: 'lint',
    summary: 'A `// autoscale-disable-next-line` suppression that is malformed or silences nothing.',
    messages: {
      noCodes: 'This suppression names no code: write `// autoscale-disable-next-line AS4013 why`.',
      unknownCode: 'This suppression names {{code}}, which is not a diagnostic code.',
      errorCode:
        'This suppression names {{code}}, an error: errors cannot be silenced, since the service rejects the formula.',
      unused: 'This suppression of {{code}} silences nothing on the next line: remove it.',
    },
  },
  AS4016: {
    severity: 'warning',
    layer: 'lint',
    summary: 'A node target with no upper bound: a spike in what it is computed from can ask for any number of nodes.',
    messages: {
      unbounded:
        'Nothing bounds {{name}} from above: it can be {{range}}, so a spike in what it is computed from can ask for any number of nodes. Cap it: min(N, ...) with the most nodes the pool should have.',
    },
  },
  AS4017: {
    severity: 'warning',
    layer: 'lint',
    summary: 'A node target computed from metrics that can only ever be applied as 0.',
    messages: {
      alwaysZero:
        '{{name}} is {{range}} here, which the service applies as 0 (it truncates toward zero): the pool never grows. A fraction that should be scaled up?',
    },
  },
  // Host files (the file a formula is embedded in)
  AS5001: {
    severity: 'error',
    layer: 'host',
    summary: 'The host file (ARM, Bicep, Terraform or pool JSON) cannot be read where its formula is.',
    messages: { unreadable: '{{kind}}: {{problem}}' },
  },
  AS5002: {
    severity: 'error',
    layer: 'host',
    summary: 'A host-language interpolation in a formula has no value to check it with.',
    messages: {
      noValue:
        'The formula uses {{name}}, whose value is not known here: give it a value to check the formula with it.',
    },
  },
  AS5003: {
    severity: 'error',
    layer: 'host',
    summary: 'A host file named explicitly holds no pool formula.',
    messages: { noFormula: 'No pool autoscale formula found in this {{kind}} file.' },
  },
} as const satisfies Record<string, CodeInfo>;

/** Titles of quick fixes, filled like messages; one template per kind of edit. */
export const FIX_TITLES = {
  changeTo: 'Change to {{replacement}}',
  changeEvery: "Change every '{{name}}' to {{replacement}}",
  use: 'Use {{replacement}}',
  useBareKeyword: 'Use the bare keyword {{keyword}}',
  callWithoutArguments: 'Call {{name}}()',
  write: "Write '{{replacement}}'",
  replaceWith: "Replace with '{{replacement}}'",
  convertBlockComment: "Convert to '//' comments",
  removeBackslash: "Remove the '\\'",
  useDoubleQuotes: 'Use double quotes',
  closeString: 'Close the string',
  removeExtraSemicolon: "Remove the extra ';'",
  insertSemicolon: "Insert ';'",
  assignInsteadOfCompare: "Assign with '=' instead of comparing with '=='",
  sunday: 'Change to 0 (Sunday)',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function codeInfo(code: DiagnosticCode): CodeInfo {
  return DIAGNOSTIC_CODES[code];
}

/** The `{{name}}` placeholders of a template, as a union of names. */
type Placeholders<T extends string> = T extends `${string}{{${infer Name}}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;
/** The arguments a template needs: one per placeholder. */
export type TemplateArguments<T extends string> = { readonly [Name in Placeholders<T>]: string | number };

type MessagesOf<C extends DiagnosticCode> = (typeof DIAGNOSTIC_CODES)[C]['messages'];
export type MessageId<C extends DiagnosticCode> = keyof MessagesOf<C> & string;
export type MessageArguments<C extends DiagnosticCode, M extends MessageId<C>> = TemplateArguments<
  MessagesOf<C>[M] & string
>;

/** Fills a template's placeholders (numbers are printed with String()). */
export function fillTemplate(template: string, args: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(args[name]));
}

/** The text of message `id` of `code` with its arguments. */
export function diagnosticMessage<C extends DiagnosticCode, M extends MessageId<C>>(
  code: C,
  id: M,
  args: MessageArguments<C, M>,
): string {
  const messages: Readonly<Record<string, string>> = DIAGNOSTIC_CODES[code].messages;
  return fillTemplate(messages[id] ?? '', args);
}

export function diagnostic<C extends DiagnosticCode, M extends MessageId<C>>(
  code: C,
  id: M,
  args: MessageArguments<C, M>,
  range: Range,
  fixes?: Fix[],
): Diagnostic {
  return diagnosticWithText(code, diagnosticMessage(code, id, args), range, fixes);
}

/**
 * A diagnostic for a message already made from this registry's templates elsewhere: an evaluation
 * failure's detail (runtime/errors.ts) shown as a diagnostic.
 */
export function diagnosticWithText(code: DiagnosticCode, message: string, range: Range, fixes?: Fix[]): Diagnostic {
  const d: Diagnostic = { code, severity: DIAGNOSTIC_CODES[code].severity, message, range };
  if (fixes && fixes.length > 0) d.fixes = fixes;
  return d;
}

type FixTitleId = keyof typeof FIX_TITLES;

/** A quick fix titled from FIX_TITLES. */
export function fix<K extends FixTitleId>(
  title: K,
  args: TemplateArguments<(typeof FIX_TITLES)[K]>,
  edits: TextEdit[],
): Fix {
  return { title: fillTemplate(FIX_TITLES[title], args), edits };
}

/** The fix that replaces `range` with `replacement`, titled "Change to REPLACEMENT" (or another replacing title). */
export function replaceFix(
  range: Range,
  replacement: string,
  title: 'changeTo' | 'use' | 'write' | 'replaceWith' = 'changeTo',
): Fix {
  return fix(title, { replacement }, [{ range, newText: replacement }]);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sort by position, then code, so output is stable whatever order stages report in. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.code.localeCompare(b.code),
  );
}
