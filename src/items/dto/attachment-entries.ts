import { ValidateBy, ValidationOptions } from 'class-validator';

const ATTACHMENT_FIELDS = new Set(['filename', 'contentType', 'data']);

function unknownAttachmentField(value: unknown): string | null {
  if (!Array.isArray(value)) return null;
  for (const [i, entry] of value.entries()) {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) continue;
    const unknown = Object.keys(entry).find((key) => !ATTACHMENT_FIELDS.has(key));
    if (unknown !== undefined) return `attachments[${i}].${unknown}`;
  }
  return null;
}

/**
 * Refuses unknown fields inside `attachments[i]` as elsewhere; every other rule of an attachment (shape, name,
 * base64, limits) is the attachments intake's, which answers 413/422 naming attachments[i].
 */
export function HasOnlyAttachmentFields(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasOnlyAttachmentFields',
      validator: {
        validate: (value: unknown) => unknownAttachmentField(value) === null,
        defaultMessage: (args) => `${unknownAttachmentField(args?.value)} is not a field of an attachment (filename, contentType, data)`,
      },
    },
    options,
  );
}
