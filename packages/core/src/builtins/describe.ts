// Names of runtime value types for messages; kept apart so built-ins and the evaluator share them.

import { typeName } from '../types.ts';
import { typeOfValue, type Value } from '../runtime/values.ts';

export function formatValueType(v: Value): string {
  return typeName(typeOfValue(v));
}
