import { EntityManager } from '@mikro-orm/core';
import { CallbackOriginError, parseCallbackOrigin } from '../auth/callback-origins';
import { ApiClient } from '../auth/entities/api-client.entity';
import { Unit } from '../auth/entities/unit.entity';
import { UsageError } from './cli-args';

/** The units named by --unit, each of which must exist; in the order given, without repeats. */
export async function unitsNamed(em: EntityManager, codes: readonly string[]): Promise<Unit[]> {
  const wanted = [...new Set(codes)];
  const found = await em.find(Unit, { code: { $in: wanted } });
  const missing = wanted.filter((code) => !found.some((u) => u.code === code));
  if (missing.length) throw new UsageError(`unit(s) ${missing.join(', ')} do not exist (add them with unit:add)`);
  return wanted.map((code) => found.find((u) => u.code === code)!);
}

/** The normalised origins named by --callback-origin. */
export function callbackOriginsNamed(values: readonly string[]): string[] {
  try {
    return [...new Set(values.map(parseCallbackOrigin))];
  } catch (error) {
    if (error instanceof CallbackOriginError) throw new UsageError(`--callback-origin ${error.message}`);
    throw error;
  }
}

/** One line on what a client may do, for the operator. */
export function describeClient(client: ApiClient): string {
  const units = client.units.getItems().map((u) => u.code).sort().join(', ') || 'none';
  const origins = client.callbackOrigins.join(', ') || 'none (it may not use callbackUrl)';
  return `units: ${units}; callback origins: ${origins}`;
}
