import { Configuration, EntityProperty, JsonType, Platform, TransformContext, Type } from '@mikro-orm/core';
import { KeyRing, SecretPurpose, SecretsError } from './key-ring';

const EXTENSION = 'clearance:secrets-key-ring';

/** Registers the key ring with the ORM, where the sealed column types and migrations find it. */
export function secretsExtension(ring: KeyRing): { register(orm: { config: Configuration }): void } {
  return { register: (orm) => orm.config.registerExtension(EXTENSION, () => ring) };
}

export function keyRingOf(config: Configuration): KeyRing {
  const ring = config.getExtension<KeyRing>(EXTENSION);
  if (!ring) throw new SecretsError('no secrets key ring is registered with the ORM (see ormOptions)');
  return ring;
}

const ringOf = (platform: Platform) => keyRingOf(platform.getConfig());

/**
 * A string column holding `KeyRing.seal(value)`: the entity sees the clear value, the database only
 * ciphertext. Each write seals afresh (new IV), so change detection compares the opened values.
 */
export class SealedStringType extends Type<string, string> {
  constructor(private readonly purpose: SecretPurpose) {
    super();
  }

  override convertToDatabaseValue(value: string, platform: Platform): string {
    return value == null ? value : ringOf(platform).seal(value, this.purpose);
  }

  override convertToJSValue(value: string, platform: Platform): string {
    return value == null ? value : ringOf(platform).open(value, this.purpose);
  }

  override compareValues(a: string, b: string): boolean {
    if (a === b) return true;
    if (a == null || b == null || !this.platform) return false;
    // Unopenable here (another ORM's ring in the same process): counted as changed, which only rewrites the value.
    return attempt(() => ringOf(this.platform!).open(a, this.purpose) === ringOf(this.platform!).open(b, this.purpose));
  }

  override ensureComparable(): boolean {
    return false;
  }

  override getColumnType(prop: EntityProperty, platform: Platform): string {
    return platform.getVarcharTypeDeclarationSQL(prop);
  }
}

/** A JSON array of strings, each sealed on its own (channel secrets: two during a rotation). */
export class SealedStringArrayType extends JsonType {
  constructor(private readonly purpose: SecretPurpose) {
    super();
  }

  override convertToDatabaseValue(value: unknown, platform: Platform, context?: TransformContext): string | null {
    if (value == null) return value as null;
    const ring = ringOf(platform);
    return super.convertToDatabaseValue((value as string[]).map((s) => ring.seal(s, this.purpose)), platform, context);
  }

  override convertToJSValue(value: unknown, platform: Platform, context?: TransformContext): unknown {
    const parsed = super.convertToJSValue(value as string, platform, context);
    if (parsed == null) return parsed;
    const ring = ringOf(platform);
    return (parsed as string[]).map((s) => ring.open(s, this.purpose));
  }

  override compareValues(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (a == null || b == null || !this.platform) return false;
    return attempt(() => JSON.stringify(this.opened(a)) === JSON.stringify(this.opened(b)));
  }

  private opened(value: unknown): string[] {
    const list = (typeof value === 'string' ? JSON.parse(value) : value) as string[];
    const ring = ringOf(this.platform!);
    return list.map((s) => ring.open(s, this.purpose));
  }
}

function attempt(compare: () => boolean): boolean {
  try {
    return compare();
  } catch {
    return false;
  }
}
