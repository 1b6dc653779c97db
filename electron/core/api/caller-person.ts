// Who is calling, when the transport knows it. Each window says who it is in the field its method
// declares (`caller` in the contract: a write's `author`, the alerts' `person`); a team server knows
// the caller from the request's token instead (HandlerContext.person), and then that person is written
// into the field whatever the input said, before the input is validated. One rule for every method
// that names its caller, so no handler can forget it: a decision, a comment or a watch made with
// raj's token is raj's, even when its input says "ana". A token that names nobody (the room display)
// leaves the field empty; it writes nothing anyway.
import type { CallerField } from '../../../shared/api/define-method';
import type { HandlerContext } from './handlers';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The input as the core runs it: the transport's person in the caller field, when there is one. */
export function inputAsCaller(field: CallerField | null, input: unknown, ctx: HandlerContext): unknown {
  // Anything but an object is left to validation, which says what is wrong with it.
  if (field === null || ctx.person === undefined || !isPlainObject(input)) return input;
  const { [field]: _claimed, ...rest } = input;
  return ctx.person === null ? rest : { ...rest, [field]: ctx.person };
}
