// Evaluation errors in the service's shapes. Inside the evaluator a failure is thrown as an
// `EvaluationFailure` (so deep helpers stay simple) and caught once at the top, where it becomes
// the service's error object. Nothing outside the evaluator ever sees the exception.

import { type DiagnosticCode, diagnosticMessage, type MessageArguments, type MessageId } from '../diagnostics.ts';

export type ServiceErrorCode =
  | 'AutoScalingFormulaSyntaxError'
  | 'AutoScaleFormulaTooLong'
  | 'AutoScalingFormulaEvaluationError'
  | 'InsufficientSampleData';

export const SERVICE_ERROR_MESSAGES: Record<ServiceErrorCode, string> = {
  AutoScalingFormulaSyntaxError: 'The specified auto-scaling formula has a syntax error.',
  // The SDK's constant: "The maximum length is 8192 characters."
  AutoScaleFormulaTooLong: 'The specified auto-scaling formula exceeds the maximum length of 8192 characters.',
  AutoScalingFormulaEvaluationError: 'The specified auto-scaling formula has evaluation error',
  InsufficientSampleData: 'Autoscale evaluation failed due to insufficient sample data',
};

/** The service's AutoScaleRunError. */
export interface ServiceError {
  code: ServiceErrorCode;
  message: string;
  values: Array<{ name: string; value: string }>;
}

/** The error's detail as tools print it: its values (`Line L, Col C: ...`) joined with "; ". */
export function serviceErrorDetail(error: ServiceError): string {
  return error.values.map((v) => v.value).join('; ');
}

/** `CODE: Line L, Col C: detail` — the service's error on one line. */
export function serviceErrorLine(error: ServiceError): string {
  return `${error.code}: ${serviceErrorDetail(error)}`;
}

export class EvaluationFailure extends Error {
  readonly code: DiagnosticCode;
  readonly serviceCode: ServiceErrorCode;
  /** Source offset the service's "Line L, Col C" points at. */
  readonly offset: number;
  /** The text after "Line L, Col C: ". */
  readonly detail: string;
  constructor(
    code: DiagnosticCode,
    detail: string,
    offset: number,
    serviceCode: ServiceErrorCode = 'AutoScalingFormulaEvaluationError',
  ) {
    super(detail);
    this.code = code;
    this.detail = detail;
    this.offset = offset;
    this.serviceCode = serviceCode;
  }
}

/** The evaluation errors' codes (AS3xxx), whose messages reach results and error strings. */
export type RuntimeCode = Extract<DiagnosticCode, `AS3${string}`>;

/** An EvaluationFailure whose detail is message `id` of `code` (the diagnostic registry's template) with `args`. */
export function evaluationFailure<C extends RuntimeCode, M extends MessageId<C>>(
  code: C,
  id: M,
  args: MessageArguments<C, M>,
  offset: number,
  serviceCode?: ServiceErrorCode,
): EvaluationFailure {
  return new EvaluationFailure(code, diagnosticMessage(code, id, args), offset, serviceCode);
}

/** Thrown by stop(): ends the evaluation successfully. */
export class StopSignal {
  readonly offset: number;
  constructor(offset: number) {
    this.offset = offset;
  }
}

export function serviceError(code: ServiceErrorCode, detailWithLocation: string): ServiceError {
  return { code, message: SERVICE_ERROR_MESSAGES[code], values: [{ name: 'Message', value: detailWithLocation }] };
}
