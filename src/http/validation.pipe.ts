import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { assertCleanInput, assertJsonObject } from './input-rules';

export interface FieldError {
  field: string;
  reason: string;
}

const childField = (parent: string, property: string): string =>
  /^\d+$/.test(property) && parent ? `${parent}[${property}]` : parent ? `${parent}.${property}` : property;

/** One reason per bad field, in the order the fields were declared; a missing field is "required", not every rule it breaks. */
export function fieldErrors(errors: ValidationError[]): FieldError[] {
  const found = new Map<string, string>();
  const pending = errors.map((error) => ({ error, parent: '' })).reverse();
  while (pending.length) {
    const { error, parent } = pending.pop()!;
    const field = childField(parent, error.property);
    const constraints = error.constraints ?? {};
    if (!found.has(field) && Object.keys(constraints).length) {
      const reason = constraints.whitelistValidation
        ? `${field} is not a field of this request (names are case-sensitive)`
        : error.value === undefined
          ? `${field} is required`
          : Object.values(constraints)[0];
      found.set(field, reason);
    }
    for (const child of [...(error.children ?? [])].reverse()) pending.push({ error: child, parent: field });
  }
  return [...found].map(([field, reason]) => ({ field, reason }));
}

/**
 * DTO validation whose 400 names each bad field once. Before class-validator looks at anything (its walks
 * recurse), every body, query and path value is checked for nesting, NUL and lone surrogates, and a DTO's
 * body must be a JSON object. Unknown fields are refused, so a misspelt optional field is not lost.
 */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      stopAtFirstError: true,
      exceptionFactory: (errors) => {
        const fields = fieldErrors(errors);
        return new BadRequestException({ message: fields.map((f) => f.reason).join('; '), field: fields[0]?.field, fields });
      },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    switch (metadata.type) {
      case 'body':
        if (metadata.metatype && metadata.metatype !== Object) assertJsonObject(value);
        assertCleanInput(value, metadata.data ?? '', 'body');
        break;
      case 'query':
        assertCleanInput(value, metadata.data ?? '', 'query');
        break;
      case 'param':
        assertCleanInput(value, metadata.data ? `:${metadata.data}` : '', 'path');
        break;
      default:
        break;
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe();
}
