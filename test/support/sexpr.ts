// Prints an expression tree as an S-expression ("(+ a (* b c))"), so parser tests read at a glance.

import type { Expression, Statement } from '@autoscale/core';

export function sexpr(e: Expression): string {
  switch (e.kind) {
    case 'Number':
      return e.text;
    case 'String':
      return JSON.stringify(e.value);
    case 'Identifier':
      return e.name;
    case 'Missing':
      return '<missing>';
    case 'Paren':
      return `(paren ${sexpr(e.expression)})`;
    case 'Vector':
      return `[${e.elements.map(sexpr).join(' ')}]`;
    case 'Unary':
      return `(${e.operator} ${sexpr(e.operand)})`;
    case 'Binary':
      return `(${e.operator} ${sexpr(e.left)} ${sexpr(e.right)})`;
    case 'Conditional':
      return `(? ${sexpr(e.test)} ${sexpr(e.consequent)} ${sexpr(e.alternate)})`;
    case 'Member':
      return `(. ${sexpr(e.object)} ${e.member.name})`;
    case 'Call':
      return `(${e.callee.name}${e.args.map((a) => ` ${sexpr(a)}`).join('')})`;
    case 'MethodCall':
      return `(.${e.method.name} ${sexpr(e.receiver)}${e.args.map((a) => ` ${sexpr(a)}`).join('')})`;
  }
}

export function statementSexpr(s: Statement): string {
  return s.kind === 'Assignment' ? `(= ${s.target.name} ${sexpr(s.value)})` : sexpr(s.expression);
}
