import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
// class-transformer's own registry of @Type(): its types sit apart from its CommonJS build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it); loose on purpose: documents are plain JSON. */
export type JsonSchema = Record<string, unknown>;
type Dto = abstract new (...args: never[]) => unknown;

/** What a DTO declares with class-validator becomes the request schema, so a new DTO is documented without decorators. */
export function dtoSchema(dto: Dto, refFor: (nested: Dto) => JsonSchema): JsonSchema {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(dto as never, '', true, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const m of metadatas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, rules] of byProperty) {
    // @Allow() and custom checks pass an absent value: only a built-in rule without @IsOptional() makes a field required.
    const optional = rules.some((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION) || !rules.some((m) => m.name && KNOWN.has(m.name));
    if (!optional) required.push(name);
    properties[name] = propertySchema(dto, name, rules, refFor);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

function propertySchema(dto: Dto, name: string, rules: ValidationMetadata[], refFor: (nested: Dto) => JsonSchema): JsonSchema {
  const whole: JsonSchema = {};
  const item: JsonSchema = {};
  for (const m of rules) {
    const target = m.each ? item : whole;
    if (m.type === ValidationTypes.NESTED_VALIDATION) {
      const nested = defaultMetadataStorage.findTypeMetadata(dto as never, name)?.typeFunction() as Dto | undefined;
      if (nested) Object.assign(target, refFor(nested));
      continue;
    }
    applyRule(target, m);
  }
  if (Object.keys(item).length) whole.items = { ...((whole.items as JsonSchema) ?? {}), ...item };
  if (whole.items && !whole.type) whole.type = 'array';
  return whole;
}

const KNOWN = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isNotEmpty', 'maxLength', 'minLength', 'min', 'max', 'arrayMinSize', 'arrayMaxSize', 'isIn', 'matches', 'isUrl', 'isUuid', 'isEmail', 'isDateString', 'isISO8601', 'isEnum']);

/** class-validator's rule names (`m.name`) mapped to JSON Schema keywords; unknown custom rules add nothing. */
function applyRule(s: JsonSchema, m: ValidationMetadata): void {
  const [a] = (m.constraints ?? []) as unknown[];
  switch (m.name) {
    case 'isString':
      s.type = 'string';
      break;
    case 'isInt':
      s.type = 'integer';
      break;
    case 'isNumber':
      s.type = 'number';
      break;
    case 'isBoolean':
      s.type = 'boolean';
      break;
    case 'isArray':
      s.type = 'array';
      break;
    case 'isNotEmpty':
      if (s.type !== 'array') s.minLength = Math.max(Number(s.minLength ?? 0), 1);
      break;
    case 'maxLength':
      s.maxLength = a;
      break;
    case 'minLength':
      s.minLength = a;
      break;
    case 'min':
      s.minimum = a;
      break;
    case 'max':
      s.maximum = a;
      break;
    case 'arrayMinSize':
      s.minItems = a;
      break;
    case 'arrayMaxSize':
      s.maxItems = a;
      break;
    case 'isIn':
      s.enum = a;
      break;
    case 'matches':
      s.pattern = a instanceof RegExp ? a.source : String(a);
      break;
    case 'isUrl':
      s.type = 'string';
      s.format = 'uri';
      break;
    case 'isUuid':
      s.format = 'uuid';
      break;
    case 'isEmail':
      s.format = 'email';
      break;
    case 'isDateString':
    case 'isISO8601':
      s.format = 'date-time';
      break;
    case 'isEnum':
      s.enum = Object.values(a as object);
      break;
    default:
      break;
  }
}
